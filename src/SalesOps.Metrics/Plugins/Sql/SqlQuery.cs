using System.Data.Common;
using System.Globalization;
using System.Text;

namespace SalesOps.Metrics.Plugins;

/// <summary>
/// The incremental query of a <see cref="SqlActivitySource"/>, built once from validated, allow-listed identifiers:
/// rows after a (watermark, id) position in (watermark, id) order, with every value bound as a parameter.
/// </summary>
internal sealed class SqlQuery
{
    private readonly SqlActivitySourceOptions _options;
    private readonly string _first;
    private readonly string _next;

    public SqlQuery(SqlActivitySourceOptions options, DbProviderFactory factory)
    {
        _options = options;
        var quote = Quoter(factory);
        var columns = options.Columns;
        var selected = new List<string>();
        int Select(string column)
        {
            var index = selected.FindIndex(c => string.Equals(c, column, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                selected.Add(column);
                index = selected.Count - 1;
            }

            return index;
        }

        Id = Select(columns.Id);
        Type = Select(columns.Type);
        Time = Select(columns.Time);
        Value = string.IsNullOrEmpty(columns.Value) ? -1 : Select(columns.Value);
        Watermark = Select(string.IsNullOrEmpty(columns.Watermark) ? columns.Time : columns.Watermark);
        Dimensions = [.. columns.Dimensions.Select(d => (Select(d.Key), d.Value))];
        Filters = [.. options.Filters.Select((f, i) => (Column: f.Key, Parameter: Parameter(string.Create(CultureInfo.InvariantCulture, $"f{i}")), f.Value))];

        var watermark = quote(selected[Watermark]);
        var id = quote(selected[Id]);
        var where = new StringBuilder()
            .Append(watermark).Append(" IS NOT NULL AND ").Append(id).Append(" IS NOT NULL");
        foreach (var (column, parameter, _) in Filters)
        {
            where.Append(" AND ").Append(quote(column)).Append(" = ").Append(parameter);
        }

        var select = $"SELECT {string.Join(", ", selected.Select(quote))} FROM {quote(options.Table)} WHERE {where}";
        var order = $" ORDER BY {watermark}, {id}{Limit()}";
        _first = select + order;
        _next = $"{select} AND ({watermark} > {Parameter("w")} OR ({watermark} = {Parameter("w")} AND {id} > {Parameter("id")})){order}";
    }

    public int Id { get; }

    public int Type { get; }

    public int Time { get; }

    public int Value { get; }

    public int Watermark { get; }

    public IReadOnlyList<(int Column, string Dimension)> Dimensions { get; }

    private IReadOnlyList<(string Column, string Parameter, string Value)> Filters { get; }

    /// <summary>A command for up to <paramref name="limit"/> rows after <paramref name="after"/> (from the start when null).</summary>
    public DbCommand Create(DbConnection connection, SqlPosition? after, int limit)
    {
        var command = connection.CreateCommand();
        command.CommandText = after is null ? _first : _next;
        command.CommandTimeout = _options.CommandTimeoutSeconds;
        foreach (var (_, parameter, value) in Filters)
        {
            Bind(command, parameter, value);
        }

        if (after is { } position)
        {
            Bind(command, Parameter("w"), position.Watermark);
            Bind(command, Parameter("id"), position.Id);
        }

        if (_options.Paging != SqlPaging.None)
        {
            Bind(command, Parameter("n"), limit);
        }

        return command;
    }

    private string Limit() => _options.Paging switch
    {
        SqlPaging.Limit => $" LIMIT {Parameter("n")}",
        SqlPaging.OffsetFetch => $" OFFSET 0 ROWS FETCH NEXT {Parameter("n")} ROWS ONLY",
        _ => string.Empty,
    };

    private string Parameter(string name) => _options.ParameterPrefix + name;

    private static void Bind(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    // Names are validated plain identifiers, so quoting only guards against reserved words; the provider's own
    // quoting is used when it has one, else the SQL standard's double quotes.
    private static Func<string, string> Quoter(DbProviderFactory factory)
    {
        var builder = factory.CanCreateCommandBuilder ? factory.CreateCommandBuilder() : null;
        string Part(string part)
        {
            if (builder is not null)
            {
                try
                {
                    return builder.QuoteIdentifier(part);
                }
                catch (NotSupportedException)
                {
                    builder = null;
                }
            }

            return $"\"{part}\"";
        }

        return name => string.Join('.', name.Split('.').Select(Part));
    }
}
