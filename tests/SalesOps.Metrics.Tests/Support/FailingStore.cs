using NodaTime;
using SalesOps.Metrics.Store;

namespace SalesOps.Metrics.Tests.Support;

/// <summary>An in-memory store whose commits can be made to fail on demand.</summary>
internal sealed class FailingStore(InMemoryMetricStore inner) : IMetricStore
{
    public bool FailCommits { get; set; }

    public string Name => "failing";

    public StoreContents Open() => inner.Open();

    public IReadOnlySet<string> FindSeen(string source, IReadOnlyCollection<string> ids) => inner.FindSeen(source, ids);

    public void Commit(StoreCommit commit)
    {
        if (FailCommits)
        {
            throw new IOException("disk full");
        }

        inner.Commit(commit);
    }

    public IEnumerable<StoredEvent> ReadEvents(Instant from, Instant to, IReadOnlyCollection<string> types) => inner.ReadEvents(from, to, types);

    public int PurgeEvents(Instant before) => inner.PurgeEvents(before);

    public IReadOnlyList<StoredScoreboard> ReadScoreboards(Instant from, Instant to) => inner.ReadScoreboards(from, to);

    public void Dispose() => inner.Dispose();
}
