using System.Runtime.CompilerServices;

namespace SalesOps.Metrics.Tests.Aggregation;

/// <summary>What a series handle promises: equality by metric and ids, and its ids where the record loop reads them.</summary>
public sealed class SeriesHandleTests
{
    [Test]
    public void Equality_SameMetricAndIds_AreEqualAndHashAlike()
    {
        var ids = Ids(0, 3, 17);
        var handle = new SeriesHandle(2, ids);

        Assert.That(handle, Is.EqualTo(new SeriesHandle(2, Ids(0, 3, 17))));
        Assert.That(handle.GetHashCode(), Is.EqualTo(new SeriesHandle(2, Ids(0, 3, 17)).GetHashCode()));
        Assert.That(handle == new SeriesHandle(3, ids), Is.False, "another metric");
        Assert.That(handle != new SeriesHandle(2, Ids(0, 3, 18)), Is.True, "another series at the finest level");
        Assert.That((handle.IsValid, default(SeriesHandle).IsValid), Is.EqualTo((true, false)));
    }

    [Test]
    public void Layout_IdsStartTheHandleAndTheEvent()
    {
        // The record loop copies a handle out of its event, then the ids out of the handle: with the ids at the
        // handle's start (and the handle at the event's), the second copy reads back the stores of the first, which
        // the processor forwards; four bytes in, a 16-byte read would straddle two stores and wait for both.
        var resolved = new ResolvedEvent(new SeriesHandle(7, Ids(0, 5, 9)), default, 2.5);
        ref var eventStart = ref Unsafe.As<ResolvedEvent, byte>(ref resolved);
        var handle = resolved.Series;
        ref var handleStart = ref Unsafe.As<SeriesHandle, byte>(ref handle);

        Assert.That(Unsafe.As<byte, LevelIds>(ref eventStart)[2], Is.EqualTo(9), "the event's first bytes are its ids");
        Assert.That(Unsafe.As<byte, LevelIds>(ref handleStart)[1], Is.EqualTo(5), "the handle's first bytes are its ids");
        Assert.That(Unsafe.As<byte, int>(ref Unsafe.AddByteOffset(ref handleStart, Unsafe.SizeOf<LevelIds>())), Is.EqualTo(7), "the metric after them");
    }

    private static LevelIds Ids(params int[] ids)
    {
        var levels = default(LevelIds);
        for (var i = 0; i < ids.Length; i++)
        {
            levels[i] = ids[i];
        }

        return levels;
    }
}
