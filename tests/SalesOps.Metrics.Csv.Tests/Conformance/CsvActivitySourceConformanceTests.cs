using System.Globalization;
using System.Text;
using NodaTime.Text;
using SalesOps.Metrics.Csv.Tests.Support;
using SalesOps.Metrics.Testing;

namespace SalesOps.Metrics.Csv.Tests.Conformance;

/// <summary>
/// The source conformance kit over the CSV source: each source the kit asks for reads a fresh file into which the
/// factory first writes the kit's events, one quoted row each, under a header the mapping names.
/// </summary>
[TestFixture]
public sealed class CsvActivitySourceConformanceTests : SourceConformanceTests
{
    private const string Header = "event_id,event_type,occurred_at,amount,team,rep_name,account\n";

    // Disposed in CleanUp, which the kit runs after each test once its sources are disposed.
    private readonly List<TempDirectory> _files = [];

    protected override IActivitySource CreateSource(IReadOnlyList<ActivityEvent> events)
    {
        var files = new TempDirectory();
        _files.Add(files);
        var path = files.Write("activity.csv", Csv(events));
        return new CsvActivitySource(new CsvActivitySourceOptions
        {
            Name = "crm-export",
            Path = path,
            Columns = new CsvColumnMapping
            {
                Id = "event_id",
                Type = "event_type",
                Time = "occurred_at",
                Value = "amount",
                Dimensions = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["team"] = "team",
                    ["rep_name"] = "rep",
                    ["account"] = "account",
                },
            },
        });
    }

    protected override void CleanUp()
    {
        _files.ForEach(f => f.Dispose());
        _files.Clear();
    }

    private static string Csv(IReadOnlyList<ActivityEvent> events)
    {
        var text = new StringBuilder(Header);
        foreach (var activity in events)
        {
            text.AppendJoin(',', [
                Quote(activity.Id),
                Quote(activity.Type),
                InstantPattern.ExtendedIso.Format(activity.OccurredAt),
                activity.Value is { } value ? value.ToString("R", CultureInfo.InvariantCulture) : string.Empty,
                Quote(Dimension(activity, "team")),
                Quote(Dimension(activity, "rep")),
                Quote(Dimension(activity, "account")),
            ]).Append('\n');
        }

        return text.ToString();
    }

    // An empty cell leaves the dimension out, as a missing dimension should be.
    private static string Dimension(ActivityEvent activity, string name) =>
        activity.Dimensions.TryGetValue(name, out var value) ? value : string.Empty;

    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
