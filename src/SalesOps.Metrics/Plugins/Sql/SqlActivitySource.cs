using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SalesOps.Metrics.Plugins;

/// <summary>
/// Reads activity events incrementally from a table over ADO.NET: each read takes the rows after the last
/// (watermark, id) in that order, so rows with equal watermarks are neither lost nor read twice.
/// </summary>
/// <remarks>
/// <para><b>Safety.</b> Table and column names come only from the allow-lists, checked when the source is created
/// (<see cref="SqlActivitySourceOptions"/>); every value is bound as a parameter, never written into the SQL text.</para>
/// <para><b>Checkpoints.</b> A checkpoint holds the watermark and id of the last row of the batch, with their database
/// types. Rows must become visible in watermark order (an insert time or a sequence set at commit); a row that appears
/// later with a watermark below the checkpoint is not read.</para>
/// <para><b>Bad rows.</b> A row that cannot be an event (an empty id or type, a time that is not a date-time, a value
/// that is not a finite number) is rejected with its id and reason: counted in <see cref="RejectedCount"/>, kept in
/// <see cref="Rejected"/>, passed to the callback and logged. Reading goes on after it.</para>
/// <para><b>Calls.</b> Not safe for concurrent reads, which the engine never makes. A connection is opened for each
/// read and closed after it.</para>
/// </remarks>
public sealed class SqlActivitySource : IActivitySource
{
    private const int MaxLoggedPerRead = 10;

    private readonly DbProviderFactory _factory;
    private readonly SqlActivitySourceOptions _options;
    private readonly SqlQuery _query;
    private readonly SqlRowMapper _mapper;
    private readonly Action<SqlRejectedRow>? _onRejected;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Queue<SqlRejectedRow> _rejected = new();
    private long _rejectedCount;

    // Rows between the checkpoint returned last and the position reached were all rejected, so a read from that
    // checkpoint may go on from the position instead of rejecting them again.
    private (Checkpoint? Returned, SqlPosition? Reached)? _continuation;

    /// <summary>Creates a source.</summary>
    /// <param name="factory">The ADO.NET provider, such as <c>SqliteFactory.Instance</c>.</param>
    /// <param name="options">The table, the column mapping and the allow-lists; validated here.</param>
    /// <param name="logger">Logs rejected rows (at most ten per read); <see langword="null"/> for none.</param>
    /// <param name="onRejected">Called for each rejected row, on the reading thread; <see langword="null"/> for none.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid; every problem is listed as <c>path: message</c>.</exception>
    public SqlActivitySource(DbProviderFactory factory, SqlActivitySourceOptions options, ILogger<SqlActivitySource>? logger = null, Action<SqlRejectedRow>? onRejected = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var zone = SqlActivitySourceOptionsValidation.Validate(options);
        _factory = factory;
        _options = options;
        _query = new SqlQuery(options, factory);
        _mapper = new SqlRowMapper(_query, zone);
        _onRejected = onRejected;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <inheritdoc />
    public string Name => _options.Name;

    /// <summary>How many rows have been rejected since this source was created.</summary>
    public long RejectedCount => Interlocked.Read(ref _rejectedCount);

    /// <summary>The most recent rejected rows, oldest first (at most <see cref="SqlActivitySourceOptions.MaxRejectionsKept"/>).</summary>
    public IReadOnlyList<SqlRejectedRow> Rejected
    {
        get
        {
            lock (_gate)
            {
                return [.. _rejected];
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<SourceBatch> ReadAsync(Checkpoint? after, int maxEvents, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEvents);
        cancellationToken.ThrowIfCancellationRequested();
        var position = _continuation is { } continuation && continuation.Returned == after
            ? continuation.Reached
            : after is { } checkpoint ? SqlPosition.Parse(checkpoint) : null;

        await using var connection = _factory.CreateConnection()
            ?? throw new InvalidOperationException($"The provider {_factory.GetType().Name} cannot create connections.");
        connection.ConnectionString = _options.ConnectionString;
        await connection.OpenAsync(cancellationToken);

        var events = new List<ActivityEvent>(Math.Min(maxEvents, 1024));
        SqlPosition? lastEvent = null;
        var logged = 0;
        while (events.Count < maxEvents)
        {
            var limit = maxEvents - events.Count;
            var rows = 0;
            await using (var command = _query.Create(connection, position, limit))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (rows < limit && await reader.ReadAsync(cancellationToken))
                {
                    rows++;
                    var watermark = reader.GetValue(_query.Watermark);
                    var idValue = reader.GetValue(_query.Id);
                    if (!SqlPosition.IsSupported(watermark) || !SqlPosition.IsSupported(idValue))
                    {
                        throw new InvalidDataException(
                            $"Source '{Name}': a {watermark.GetType().Name} watermark or {idValue.GetType().Name} id cannot be kept in a checkpoint; use numbers, text, date-times, GUIDs or binary.");
                    }

                    position = new SqlPosition(watermark, idValue);
                    var id = SqlRowMapper.Text(idValue);
                    if (_mapper.Map(reader, id, out var rejection) is { } evt)
                    {
                        events.Add(evt);
                        lastEvent = position;
                    }
                    else
                    {
                        Reject(rejection!, ref logged);
                    }
                }
            }

            if (rows < limit)
            {
                break;
            }
        }

        if (logged > MaxLoggedPerRead)
        {
            SqlSourceLog.MoreRejected(_logger, Name, logged - MaxLoggedPerRead);
        }

        var returned = lastEvent is { } last ? last.ToCheckpoint() : after;
        _continuation = (returned, position);
        return events.Count == 0 ? SourceBatch.Empty(after) : new SourceBatch(events, returned);
    }

    private void Reject(SqlRejectedRow row, ref int logged)
    {
        Interlocked.Increment(ref _rejectedCount);
        lock (_gate)
        {
            if (_options.MaxRejectionsKept > 0)
            {
                if (_rejected.Count >= _options.MaxRejectionsKept)
                {
                    _rejected.Dequeue();
                }

                _rejected.Enqueue(row);
            }
        }

        if (++logged <= MaxLoggedPerRead)
        {
            SqlSourceLog.RowRejected(_logger, Name, row.Id, row.Reason, row.Message);
        }

        _onRejected?.Invoke(row);
    }
}
