using System.Buffers;
using Microsoft.Data.Sqlite;

namespace SalesOps.Metrics.Sqlite;

/// <summary>
/// Writes a <see cref="StoreCommit"/> in one transaction through commands prepared once per connection and
/// reused, with every value bound as a parameter.
/// </summary>
internal sealed class CommitWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly ArrayBufferWriter<byte> _json = new(256);
    private readonly SqliteCommand _resetDistinct;
    private readonly SqliteCommand _resetCells;
    private readonly SqliteCommand _resetSeries;
    private readonly SqliteCommand _insertSeen;
    private readonly SqliteCommand _upsertCheckpoint;
    private readonly SqliteCommand _upsertSeries;
    private readonly SqliteCommand _upsertCell;
    private readonly SqliteCommand _insertDistinct;
    private readonly SqliteCommand _insertEvent;
    private readonly SqliteCommand _clearHeld;
    private readonly SqliteCommand _insertHeld;
    private readonly SqliteCommand _insertGoal;
    private readonly SqliteCommand _insertScoreboard;
    private readonly SqliteCommand _upsertFingerprint;
    private readonly SqliteCommand[] _all;

    /// <summary>Creates the commands on a connection.</summary>
    /// <param name="connection">The store's open connection.</param>
    public CommitWriter(SqliteConnection connection)
    {
        _connection = connection;
        _resetDistinct = Command("DELETE FROM distinct_values WHERE metric = $metric", ("$metric", SqliteType.Text));
        _resetCells = Command("DELETE FROM cells WHERE metric = $metric", ("$metric", SqliteType.Text));
        _resetSeries = Command("DELETE FROM series WHERE metric = $metric", ("$metric", SqliteType.Text));
        _insertSeen = Command(
            "INSERT OR IGNORE INTO seen (source, id) VALUES ($source, $id)",
            ("$source", SqliteType.Text),
            ("$id", SqliteType.Text));
        _upsertCheckpoint = Command(
            "INSERT INTO checkpoints (source, value) VALUES ($source, $value) ON CONFLICT (source) DO UPDATE SET value = excluded.value",
            ("$source", SqliteType.Text),
            ("$value", SqliteType.Text));
        _upsertSeries = Command(
            """
            INSERT INTO series (metric, level, series_id, values_json) VALUES ($metric, $level, $series, $values)
            ON CONFLICT (metric, level, series_id) DO UPDATE SET values_json = excluded.values_json
            """,
            ("$metric", SqliteType.Text),
            ("$level", SqliteType.Integer),
            ("$series", SqliteType.Integer),
            ("$values", SqliteType.Text));
        _upsertCell = Command(
            """
            INSERT INTO cells (metric, level, series_id, grain, period_key, count, value_count, sum, min, max)
            VALUES ($metric, $level, $series, $grain, $period, $count, $valueCount, $sum, $min, $max)
            ON CONFLICT (metric, level, series_id, grain, period_key)
            DO UPDATE SET count = excluded.count, value_count = excluded.value_count, sum = excluded.sum, min = excluded.min, max = excluded.max
            """,
            ("$metric", SqliteType.Text),
            ("$level", SqliteType.Integer),
            ("$series", SqliteType.Integer),
            ("$grain", SqliteType.Integer),
            ("$period", SqliteType.Integer),
            ("$count", SqliteType.Integer),
            ("$valueCount", SqliteType.Integer),
            ("$sum", SqliteType.Real),
            ("$min", SqliteType.Real),
            ("$max", SqliteType.Real));
        _insertDistinct = Command(
            """
            INSERT OR IGNORE INTO distinct_values (metric, level, series_id, grain, period_key, value)
            VALUES ($metric, $level, $series, $grain, $period, $value)
            """,
            ("$metric", SqliteType.Text),
            ("$level", SqliteType.Integer),
            ("$series", SqliteType.Integer),
            ("$grain", SqliteType.Integer),
            ("$period", SqliteType.Integer),
            ("$value", SqliteType.Text));
        _insertEvent = EventCommand(
            "INSERT INTO events (source, id, type, occurred_at, occurred_nanos, value, dimensions_json) VALUES ($source, $id, $type, $at, $nanos, $value, $dimensions)");
        _clearHeld = Command("DELETE FROM held");
        _insertHeld = EventCommand(
            "INSERT INTO held (source, id, type, occurred_at, occurred_nanos, value, dimensions_json) VALUES ($source, $id, $type, $at, $nanos, $value, $dimensions)");
        _insertGoal = Command(
            "INSERT INTO goals (target, effective_from, goal) VALUES ($target, $from, $goal)",
            ("$target", SqliteType.Text),
            ("$from", SqliteType.Text),
            ("$goal", SqliteType.Real));
        _insertScoreboard = Command(
            "INSERT INTO scoreboards (at, at_nanos, kind, json) VALUES ($at, $nanos, $kind, $json)",
            ("$at", SqliteType.Integer),
            ("$nanos", SqliteType.Integer),
            ("$kind", SqliteType.Integer),
            ("$json", SqliteType.Text));
        _upsertFingerprint = Command(
            "INSERT INTO fingerprints (metric, fingerprint) VALUES ($metric, $fingerprint) ON CONFLICT (metric) DO UPDATE SET fingerprint = excluded.fingerprint",
            ("$metric", SqliteType.Text),
            ("$fingerprint", SqliteType.Text));
        _all =
        [
            _resetDistinct, _resetCells, _resetSeries, _insertSeen, _upsertCheckpoint, _upsertSeries, _upsertCell,
            _insertDistinct, _insertEvent, _clearHeld, _insertHeld, _insertGoal, _insertScoreboard, _upsertFingerprint,
        ];
    }

    /// <summary>Writes everything in <paramref name="commit"/>, or nothing.</summary>
    /// <param name="commit">The changes.</param>
    public void Write(StoreCommit commit)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        foreach (var command in _all)
        {
            command.Transaction = transaction;
        }

        try
        {
            WriteResets(commit.ResetMetrics);
            WriteSeen(commit.Source, commit.EventIds);
            if (commit.Checkpoint is { } checkpoint)
            {
                Execute(_upsertCheckpoint, commit.Source, checkpoint.Value);
            }

            WriteSeries(commit.NewSeries);
            WriteCells(commit.Cells);
            WriteEvents(_insertEvent, commit.Source, commit.RetainedEvents);
            if (commit.ClearHeld)
            {
                _clearHeld.ExecuteNonQuery();
            }

            WriteEvents(_insertHeld, commit.Source, commit.HeldEvents);
            foreach (var goal in commit.Goals)
            {
                Execute(_insertGoal, goal.Target, StoredText.Format(goal.EffectiveFrom), goal.Goal);
            }

            foreach (var scoreboard in commit.Scoreboards)
            {
                var (ticks, nanoseconds) = StoredText.Split(scoreboard.At);
                Execute(_insertScoreboard, ticks, nanoseconds, (int)scoreboard.Kind, scoreboard.Json);
            }

            foreach (var (metric, fingerprint) in commit.MetricFingerprints)
            {
                Execute(_upsertFingerprint, metric, fingerprint);
            }

            transaction.Commit();
        }
        finally
        {
            foreach (var command in _all)
            {
                command.Transaction = null;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var command in _all)
        {
            command.Dispose();
        }
    }

    private void WriteResets(IReadOnlyList<string> metrics)
    {
        foreach (var metric in metrics)
        {
            Execute(_resetDistinct, metric);
            Execute(_resetCells, metric);
            Execute(_resetSeries, metric);
        }
    }

    private void WriteSeen(string source, IReadOnlyList<string> ids)
    {
        var parameters = _insertSeen.Parameters;
        parameters[0].Value = Text(source);
        foreach (var id in ids)
        {
            parameters[1].Value = Text(id);
            _insertSeen.ExecuteNonQuery();
        }
    }

    private void WriteSeries(IReadOnlyList<StoredSeries> series)
    {
        foreach (var one in series)
        {
            Execute(_upsertSeries, one.Metric, one.Level, one.SeriesId, StoredText.ToJson(one.Values, _json));
        }
    }

    private void WriteCells(IReadOnlyList<StoredCell> cells)
    {
        var cell = _upsertCell.Parameters;
        var distinct = _insertDistinct.Parameters;
        foreach (var one in cells)
        {
            cell[0].Value = Text(one.Metric);
            cell[1].Value = one.Level;
            cell[2].Value = one.SeriesId;
            cell[3].Value = (int)one.Grain;
            cell[4].Value = one.PeriodKey;
            cell[5].Value = one.Count;
            cell[6].Value = one.ValueCount;
            cell[7].Value = one.Sum;
            cell[8].Value = one.Min;
            cell[9].Value = one.Max;
            _upsertCell.ExecuteNonQuery();
            if (one.DistinctValues.Count == 0)
            {
                continue;
            }

            distinct[0].Value = Text(one.Metric);
            distinct[1].Value = one.Level;
            distinct[2].Value = one.SeriesId;
            distinct[3].Value = (int)one.Grain;
            distinct[4].Value = one.PeriodKey;
            foreach (var value in one.DistinctValues)
            {
                distinct[5].Value = Text(value);
                _insertDistinct.ExecuteNonQuery();
            }
        }
    }

    private void WriteEvents(SqliteCommand insert, string source, IReadOnlyList<ActivityEvent> events)
    {
        var parameters = insert.Parameters;
        parameters[0].Value = Text(source);
        foreach (var activity in events)
        {
            var (ticks, nanoseconds) = StoredText.Split(activity.OccurredAt);
            parameters[1].Value = Text(activity.Id);
            parameters[2].Value = Text(activity.Type);
            parameters[3].Value = ticks;
            parameters[4].Value = nanoseconds;
            parameters[5].Value = activity.Value is { } value ? value : DBNull.Value;
            parameters[6].Value = StoredText.ToJson(activity.Dimensions, _json);
            insert.ExecuteNonQuery();
        }
    }

    // A null bound as DBNull fails on the column's NOT NULL constraint, inside the transaction, like any other bad row.
    private static object Text(string? value) => value is null ? DBNull.Value : value;

    private static void Execute(SqliteCommand command, params ReadOnlySpan<object?> values)
    {
        var parameters = command.Parameters;
        for (var i = 0; i < values.Length; i++)
        {
            parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }

    private SqliteCommand EventCommand(string sql) => Command(
        sql,
        ("$source", SqliteType.Text),
        ("$id", SqliteType.Text),
        ("$type", SqliteType.Text),
        ("$at", SqliteType.Integer),
        ("$nanos", SqliteType.Integer),
        ("$value", SqliteType.Real),
        ("$dimensions", SqliteType.Text));

    private SqliteCommand Command(string sql, params ReadOnlySpan<(string Name, SqliteType Type)> parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            command.Parameters.Add(name, type);
        }

        return command;
    }
}
