namespace SalesOps.Metrics.Testing;

/// <summary>
/// The conformance kit for <see cref="IMetricStore"/>: inherit it in an NUnit test project, override
/// <see cref="CreateStore"/>, and every test here checks your store against the promises of the contract: a restart
/// that returns exactly what was committed, absolute cells, accumulated distinct values, resets, exact
/// de-duplication per source, and the half-open ranges of the event and scoreboard history.
/// </summary>
/// <remarks>
/// <para><b>Locations.</b> Each test asks <see cref="NewLocation"/> for a fresh location and creates stores over it
/// with <see cref="CreateStore"/>. A "restart" disposes the store and creates a second one over the same location:
/// a file-based store maps the location to a file or folder path, a server-based store to a database or schema
/// name, and a store that lives in memory returns the same instance for the same location, since it keeps its data
/// across <see cref="IDisposable.Dispose"/> and <see cref="IMetricStore.Open"/>.</para>
/// <para><b>Clean-up.</b> After each test every store created is disposed (so <see cref="IDisposable.Dispose"/> must be
/// safe to call twice), then <see cref="DeleteLocation"/> is called for every location handed out.</para>
/// <para><b>Not covered.</b> That a failing <see cref="IMetricStore.Commit"/> writes nothing cannot be provoked through
/// the contract alone; test it with a failure of your own store (the SQLite store's tests break a NOT NULL
/// constraint on the last row of a batch), as well as exclusive ownership of the location.</para>
/// <para><b>Discovery.</b> Mark the derived class <c>[TestFixture]</c>: a class whose only tests are inherited
/// otherwise leaves its assembly with no reference to NUnit, and the test adapter then finds nothing to run.</para>
/// <para><b>Example.</b></para>
/// <code>
/// [TestFixture]
/// public sealed class SqliteMetricStoreConformanceTests : MetricStoreConformanceTests
/// {
///     protected override IMetricStore CreateStore(string location) =>
///         new SqliteMetricStore(new SqliteStoreOptions { Path = location });
///
///     protected override void DeleteLocation(string location)
///     {
///         base.DeleteLocation(location);
///         File.Delete(location + "-wal");
///     }
/// }
/// </code>
/// </remarks>
public abstract partial class MetricStoreConformanceTests
{
    private readonly List<IMetricStore> _stores = [];
    private readonly List<string> _locations = [];

    /// <summary>Creates a store, not yet opened, over <paramref name="location"/>.</summary>
    /// <param name="location">A value from <see cref="NewLocation"/>; the same value again means the same data.</param>
    /// <returns>The store; the kit disposes it after the test.</returns>
    protected abstract IMetricStore CreateStore(string location);

    /// <summary>A location that holds nothing yet.</summary>
    /// <returns>By default a path in the temporary folder that does not exist yet, unique to this call.</returns>
    protected virtual string NewLocation() =>
        Path.Combine(Path.GetTempPath(), "salesops-store-" + Guid.NewGuid().ToString("N"));

    /// <summary>Deletes what a test left at <paramref name="location"/>, after its stores were disposed.</summary>
    /// <param name="location">A value from <see cref="NewLocation"/>.</param>
    /// <remarks>By default deletes the file or folder at that path, if any; override when a store keeps more (such as side files).</remarks>
    protected virtual void DeleteLocation(string location)
    {
        if (File.Exists(location))
        {
            File.Delete(location);
        }
        else if (Directory.Exists(location))
        {
            Directory.Delete(location, recursive: true);
        }
    }

    /// <summary>Disposes every store the test created, then deletes every location it used.</summary>
    [TearDown]
    public void DisposeStoresAndDeleteLocations()
    {
        for (var i = _stores.Count - 1; i >= 0; i--)
        {
            _stores[i].Dispose();
        }

        _stores.Clear();
        foreach (var location in _locations)
        {
            DeleteLocation(location);
        }

        _locations.Clear();
    }

    private IMetricStore OpenFresh(out string location, out StoreContents contents)
    {
        location = NewLocation();
        _locations.Add(location);
        return Open(location, out contents);
    }

    private IMetricStore OpenFresh(out string location) => OpenFresh(out location, out _);

    private IMetricStore Open(string location, out StoreContents contents)
    {
        var store = CreateStore(location);
        _stores.Add(store);
        contents = store.Open();
        return store;
    }

    private IMetricStore Restart(IMetricStore store, string location, out StoreContents contents)
    {
        store.Dispose();
        return Open(location, out contents);
    }

    private StoreContents Restart(IMetricStore store, string location)
    {
        Restart(store, location, out var contents);
        return contents;
    }

    private static StoreCommit Batch(string source, params string[] ids) => new() { Source = source, EventIds = ids };
}
