namespace SalesOps.Metrics.Sqlite.Tests;

/// <summary>One store per file: a second one, in this process or another, is refused with a clear error.</summary>
public sealed class SqliteMetricStoreLockingTests
{
    private TempStores _temp = null!;

    [SetUp]
    public void CreateFolder() => _temp = new TempStores();

    [TearDown]
    public void DeleteFolder() => _temp.Dispose();

    [Test]
    public void Open_SecondStoreOnTheSameFile_ThrowsStoreExceptionNamingThePath()
    {
        var path = _temp.NewPath();
        var first = _temp.Create(path);
        first.Open();
        var second = _temp.Create(path, busyTimeout: TimeSpan.Zero);

        var inUse = Assert.Throws<StoreException>(() => second.Open());

        Assert.That(inUse.Message, Does.Contain($"The store '{path}' is in use by another process"));
        first.Commit(new StoreCommit { Source = "crm", EventIds = ["e-1"], Checkpoint = new Checkpoint("1") });
        first.Dispose();
        Assert.That(second.Open().Checkpoints["crm"], Is.EqualTo(new Checkpoint("1")), "the refused store opens once the first lets go");
    }

    [Test]
    public void Open_FreshFileTakenByAnotherStore_ThrowsStoreException()
    {
        var path = _temp.NewPath();
        var first = _temp.Create(path);
        var second = _temp.Create(path, busyTimeout: TimeSpan.FromMilliseconds(50));
        first.Open();

        Assert.Throws<StoreException>(() => second.Open());
        Assert.That(first.Open().Checkpoints, Is.Empty);
    }

    [Test]
    public void Open_SecondProcessOnTheSameFile_ThrowsStoreExceptionUntilTheFirstLetsGo()
    {
        var path = _temp.NewPath();
        var first = _temp.Create(path);
        first.Open();

        var (refused, message) = ChildProcess.Run("open", path);
        first.Dispose();
        var (accepted, _) = ChildProcess.Run("open", path);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(refused, Is.EqualTo(Program.InUse), message);
            Assert.That(message, Does.Contain($"The store '{path}' is in use by another process"));
            Assert.That(accepted, Is.Zero);
        }
    }
}
