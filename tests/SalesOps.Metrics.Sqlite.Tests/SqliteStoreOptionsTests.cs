namespace SalesOps.Metrics.Sqlite.Tests;

/// <summary>Options are checked when the store is built, and every problem is reported at once.</summary>
public sealed class SqliteStoreOptionsTests
{
    [Test]
    public void Constructor_NullOptions_ThrowsArgumentNullException() =>
        Assert.Throws<ArgumentNullException>(() => _ = new SqliteMetricStore(null!));

    [TestCase("")]
    [TestCase("   ")]
    [TestCase(":memory:")]
    [TestCase("file:store.db?mode=memory")]
    [TestCase("a\0b.db")]
    public void Constructor_PathThatIsNotAFile_ThrowsArgumentExceptionNamingPath(string path)
    {
        var invalid = Assert.Throws<ArgumentException>(() => _ = new SqliteMetricStore(new SqliteStoreOptions { Path = path }));

        Assert.That(invalid.ParamName, Is.EqualTo("options"));
        Assert.That(invalid.Message, Does.Contain("Path:"));
    }

    [Test]
    public void Constructor_SeveralProblems_ListsEveryOne()
    {
        var options = new SqliteStoreOptions { Path = "", Synchronous = (SqliteSynchronous)7, BusyTimeout = TimeSpan.FromSeconds(-1) };

        var invalid = Assert.Throws<ArgumentException>(() => _ = new SqliteMetricStore(options));

        Assert.That(invalid.Message, Does.Contain("Path:").And.Contain("Synchronous: 7").And.Contain("BusyTimeout: -00:00:01"));
    }

    [Test]
    public void Constructor_ValidOptions_OpensNothingAndKeepsAFullPath()
    {
        using var store = new SqliteMetricStore(new SqliteStoreOptions { Path = "relative/store.db", BusyTimeout = TimeSpan.Zero });

        Assert.That(store.Path, Is.EqualTo(Path.GetFullPath("relative/store.db")));
        Assert.That(File.Exists(store.Path), Is.False);
    }

    [Test]
    public void Defaults_AreFullSynchronousAndFiveSeconds()
    {
        var options = new SqliteStoreOptions { Path = "store.db" };

        Assert.That((options.Synchronous, options.BusyTimeout), Is.EqualTo((SqliteSynchronous.Full, TimeSpan.FromSeconds(5))));
    }
}
