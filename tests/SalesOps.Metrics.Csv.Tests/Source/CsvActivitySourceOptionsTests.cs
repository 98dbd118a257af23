using Microsoft.Extensions.Options;

namespace SalesOps.Metrics.Csv.Tests.Source;

/// <summary>The CSV source refuses bad options at construction, listing every problem.</summary>
public sealed class CsvActivitySourceOptionsTests
{
    [Test]
    public void Constructor_InvalidOptions_ListsEveryProblemByPath()
    {
        var options = new CsvActivitySourceOptions
        {
            Name = "",
            Path = "",
            Delimiter = '"',
            MaxFieldBytes = 0,
            HasHeader = false,
            Columns = new CsvColumnMapping
            {
                Id = "id",
                Type = "1",
                Time = "",
                TimeZone = "Mars/Olympus",
                Dimensions = new Dictionary<string, string> { ["2"] = "rep", ["3"] = "rep" },
            },
        };

        var exception = Assert.Throws<OptionsValidationException>(() => _ = new CsvActivitySource(options));

        Assert.That(exception!.Failures, Is.EqualTo(new[]
        {
            "name: required",
            "path: required",
            "delimiter: '\"' cannot separate fields; use one ASCII character other than a quote, CR or LF",
            "maxFieldBytes: must be at least 1 (0)",
            "columns.id: 'id' is not a column number; a file without a header names columns by zero-based number",
            "columns.time: required",
            "columns.dimensions.3: dimension 'rep' is mapped from more than one column",
            "columns.timeZone: unknown time zone 'Mars/Olympus'; expected an IANA id such as America/Denver",
        }));
    }

    [TestCase(null, "uuuu-MM-dd'T'HH:mm:ss o<Q>")]
    [TestCase("UTC", "uuuu-MM-dd HH:mm o<G>")]
    public void Constructor_BadTimeFormat_NamesTheFormat(string? zone, string format)
    {
        var options = new CsvActivitySourceOptions { Path = "x.csv", Columns = new CsvColumnMapping { TimeFormat = format, TimeZone = zone } };

        var exception = Assert.Throws<OptionsValidationException>(() => _ = new CsvActivitySource(options));

        Assert.That(exception!.Failures.Single(), Does.StartWith($"columns.timeFormat: '{format}' is not a NodaTime pattern"));
    }

    [Test]
    public void Constructor_Defaults_AreValid()
    {
        var source = new CsvActivitySource(new CsvActivitySourceOptions { Path = "activity.csv" });

        Assert.That(source.Name, Is.EqualTo("csv"));
        Assert.That(source.Rejected, Is.Empty);
    }
}
