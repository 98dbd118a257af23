using System.Collections.Immutable;
using NodaTime;
using SalesOps.Metrics.Tests.Support;

namespace SalesOps.Metrics.Tests.Engine;

/// <summary>How an event's dimensions and type find their series, whatever dictionary the source built.</summary>
public sealed class DimensionResolutionTests
{
    private static readonly Instant Now = Zones.Utc(2026, 3, 16, 12);

    [Test]
    public void Ingest_CaseInsensitiveDictionary_FindsTheDimensionAsItsComparerSays()
    {
        var test = Create();
        var dimensions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["TEAM"] = "east", ["Rep"] = "ana" };
        var oneExact = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["team"] = "east", ["REP"] = "bo" };
        var bothExact = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["rep"] = "ana", ["team"] = "west" };

        test.Ingest(
            new ActivityEvent("x1", "call.made", Now, null, dimensions),
            new ActivityEvent("x2", "call.made", Now, null, oneExact),
            new ActivityEvent("x3", "call.made", Now, null, bothExact));

        Assert.That(Rows(test, "rep"), Is.EqualTo(new[] { ("ana", 2.0), ("bo", 1.0) }));
        Assert.That(Rows(test, "team"), Is.EqualTo(new[] { ("east", 2.0), ("west", 1.0) }));
    }

    [Test]
    public void Ingest_OtherDictionaryShapes_ResolveTheSameSeries()
    {
        var test = Create();
        var many = Enumerable.Range(0, 20).ToDictionary(i => $"extra{i}", i => $"v{i}", StringComparer.Ordinal);
        many["team"] = "east";
        many["rep"] = "ana";

        test.Ingest(
            new ActivityEvent("x1", "call.made", Now, null, many),
            new ActivityEvent("x2", "call.made", Now, null, ImmutableDictionary.CreateRange(StringComparer.Ordinal, [new("team", "east"), new KeyValuePair<string, string>("rep", "ana")])),
            new ActivityEvent("x3", "call.made", Now, null, new SortedDictionary<string, string>(StringComparer.Ordinal) { ["rep"] = "bo", ["team"] = "east" }),
            Activity.Rep("call.made", Now, new string("east".AsSpan()), new string("ana".AsSpan())));

        Assert.That(Rows(test, "rep"), Is.EqualTo(new[] { ("ana", 3.0), ("bo", 1.0) }));
        Assert.That(test.Engine.SeriesCount("calls", 2), Is.EqualTo(2));
    }

    [Test]
    public void Ingest_MissingOrNullDimensionValue_FallsInTheNoneSeries()
    {
        var test = Create();
        var withNull = new Dictionary<string, string>(StringComparer.Ordinal) { ["team"] = "east", ["rep"] = null! };

        test.Ingest(
            new ActivityEvent("x1", "call.made", Now, null, withNull),
            Activity.Event("call.made", Now, null, ("team", "east")));

        Assert.That(Rows(test, "rep"), Is.EqualTo(new[] { ("(none)", 2.0) }));
    }

    [Test]
    public void Ingest_AlternatingAndUnknownTypes_EachEventMeetsItsOwnMetrics()
    {
        var test = Create();
        var events = Enumerable.Range(0, 30)
            .Select(i => Activity.Rep(new string((i % 3) switch { 0 => "call.made", 1 => "demo.held", _ => "email.sent" }), Now, "east", "ana"))
            .ToArray();

        var report = test.Ingest(events);

        Assert.That((report.Applied, report.Unmatched), Is.EqualTo((30L, 10L)));
        Assert.That(test.Engine.Query("calls", Window.Today), Is.EqualTo(10));
        Assert.That(test.Engine.Query("demos", Window.Today), Is.EqualTo(10));
    }

    // Types of four to eight characters are compared eight bytes from each end: types alike but for one character,
    // first, in the middle or last, must each meet only their own metric.
    [Test]
    public void Ingest_ShortTypesAlikeButForOneCharacter_EachEventMeetsItsOwnMetric()
    {
        string[] types = ["lead.in", "lead.on", "lead.ix", "lead", "leaf", "Xead", "lead.in.x"];
        var test = TestEngine.Create(Now, ops =>
        {
            foreach (var type in types[..^1])
            {
                ops.AddMetric($"m-{type}", m => m.Count(type).By("team", "rep"));
            }
        });
        var events = Enumerable.Range(0, 70).Select(i => Activity.Rep(new string(types[i % types.Length]), Now, "east", "ana")).ToArray();

        var report = test.Ingest(events);

        Assert.That((report.Applied, report.Unmatched), Is.EqualTo((70L, 10L)));
        Assert.That(types[..^1].Select(type => test.Engine.Query($"m-{type}", Window.Today)), Is.All.EqualTo(10));
    }

    private static TestEngine Create() => TestEngine.Create(Now, ops => ops
        .AddMetric("calls", m => m.Count("call.made").By("team", "rep"))
        .AddMetric("demos", m => m.Count("demo.held").By("team", "rep")));

    private static (string, double)[] Rows(TestEngine test, string dimension) =>
        [.. test.Engine.Breakdown("calls", Window.Today, dimension).Select(r => (r.Dimensions[dimension], r.Value ?? 0))];
}
