using SalesOps.Metrics.Aggregation;

namespace SalesOps.Metrics.Tests.Aggregation;

/// <summary>What a single event keeps (its series, value and link), written in place or built, and once gone to its series' run.</summary>
public sealed class SingleEventTests
{
    [TestCase(0, true, 4_617_315_517_961_601_024L, 0L)] // 5.0
    [TestCase(99_999, false, 0L, 1L)]
    [TestCase(int.MaxValue, true, -1L, SingleEvent.MaxLink)]
    public void Write_InPlace_KeepsWhatTheConstructorKeeps(int series, bool hasValue, long value, long link)
    {
        var slots = new SingleEvent[3];
        SingleEvent.Write(ref slots[1], series, hasValue, value, link);

        Assert.That((slots[1].Series, slots[1].HasValue, slots[1].Value, slots[1].Link), Is.EqualTo((series, hasValue, value, link)));
        Assert.That(slots[1], Is.EqualTo(new SingleEvent(series, hasValue, value, link)));
        Assert.That((slots[0], slots[2]), Is.EqualTo((default(SingleEvent), default(SingleEvent))), "the neighbours are untouched");
    }

    [Test]
    public void Gone_KeepsTheValueAndLinkAndMarksTheSeriesNegative()
    {
        var gone = new SingleEvent(12, true, 42, link: 300).Gone();

        Assert.That((gone.Series, gone.HasValue, gone.Value, gone.Link), Is.EqualTo((~12, true, 42L, 300L)));
    }
}
