using System.Diagnostics.Metrics;
using System.Runtime.InteropServices;

namespace SalesOps.Metrics.Benchmarks.References;

/// <summary>
/// The cheapest useful <see cref="MeterListener"/>: it enables one meter's instruments and sums each
/// <see cref="Counter{T}"/> measurement per (team, rep) tag pair.
/// </summary>
internal sealed class ListenerAggregate : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<(string Team, string Rep), long> _totals = [];

    public ListenerAggregate(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                listener.EnableMeasurementEvents(instrument, this);
            }
        };
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((ListenerAggregate)state!).Add(value, tags));
        _listener.Start();
    }

    public int Count => _totals.Count;

    public void Dispose() => _listener.Dispose();

    private void Add(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string team = "", rep = "";
        foreach (var tag in tags)
        {
            if (tag.Key == "team")
            {
                team = tag.Value as string ?? "";
            }
            else if (tag.Key == "rep")
            {
                rep = tag.Value as string ?? "";
            }
        }

        CollectionsMarshal.GetValueRefOrAddDefault(_totals, (team, rep), out _) += value;
    }
}
