using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace SalesOps.Samples.SalesFloor;

/// <summary>The command line, parsed by hand so the sample needs no argument-parsing package.</summary>
internal sealed record SalesFloorOptions
{
    public const int MaxRepsPerTeam = 12;

    private static readonly YearMonthPattern MonthPattern = YearMonthPattern.CreateWithInvariantCulture("uuuu'-'MM");

    public int Seed { get; init; } = 7;

    public YearMonth Month { get; init; } = new(2026, 11);

    public string Zone { get; init; } = "America/Denver";

    public int RepsPerTeam { get; init; } = 6;

    public bool Quiet { get; init; }

    /// <summary>The SQLite file the engine keeps its state in; a second run resumes from it.</summary>
    public string StorePath { get; init; } = "salesfloor.db";

    /// <summary>Keep everything in memory: nothing survives the run.</summary>
    public bool InMemory { get; init; }

    /// <summary>Stop at the start of this local date instead of the month's end (to resume later).</summary>
    public LocalDate? Until { get; init; }

    public static string Usage { get; } = """
        Usage: dotnet run --project samples/SalesFloor -- [options]

        Simulates one month of an inside-sales floor (a BDR team setting appointments and qualifying
        opportunities, an AE team holding demos and winning deals) on a simulated clock, feeds the activity
        through SalesOps.Metrics hour by hour, and prints a scoreboard every Monday at 09:00 and on the
        month's last day at 17:00. Metrics and targets come from salesfloor.json.

        Options:
          --seed <int>        random seed; the same seed prints the same month (default 7)
          --month <yyyy-MM>   the month to simulate (default 2026-11)
          --zone <IANA id>    the calendar's time zone, overriding salesfloor.json (default America/Denver)
          --reps <n>          reps per team, 1 to 12 (default 6; the team target in salesfloor.json
                              is sized for 6 BDRs)
          --quiet             print only the final scoreboard and the ingestion report
          --store <path>      the SQLite file the engine keeps its state in (default salesfloor.db); a
                              second run with the same options resumes from its checkpoint instead of
                              counting again
          --in-memory         keep everything in memory instead (nothing survives the run)
          --until <date>      stop at the start of this local date (yyyy-MM-dd), to resume in a later run
          -h, --help          print this help and exit

        Exit codes: 0 done, 2 invalid options or definitions.

        """.Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>Parses the arguments; <c>--name value</c> and <c>--name=value</c> are both accepted.</summary>
    public static ParseResult Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new SalesFloorOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = Split(args[i]);
            switch (name)
            {
                case "-h" or "--help":
                    return new ParseResult(null, HelpRequested: true, Error: null);
                case "--quiet":
                    if (inlineValue is not null)
                    {
                        return Fail($"--quiet takes no value (got '{args[i]}')");
                    }

                    options = options with { Quiet = true };
                    continue;
                case "--in-memory":
                    if (inlineValue is not null)
                    {
                        return Fail($"--in-memory takes no value (got '{args[i]}')");
                    }

                    options = options with { InMemory = true };
                    continue;
                case "--seed" or "--month" or "--zone" or "--reps" or "--store" or "--until":
                    break;
                default:
                    return Fail(name.StartsWith('-') ? $"unknown option '{name}'" : $"unexpected argument '{name}'");
            }

            var value = inlineValue;
            if (value is null)
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    return Fail($"{name} needs a value");
                }

                value = args[++i];
            }

            string? error;
            (options, error) = name switch
            {
                "--seed" => ParseSeed(options, value),
                "--month" => ParseMonth(options, value),
                "--zone" => string.IsNullOrWhiteSpace(value) ? (options, "--zone needs an IANA time zone id such as America/Denver") : (options with { Zone = value }, null),
                "--store" => string.IsNullOrWhiteSpace(value) ? (options, "--store needs a file path") : (options with { StorePath = value }, null),
                "--until" => ParseUntil(options, value),
                _ => ParseReps(options, value),
            };
            if (error is not null)
            {
                return Fail(error);
            }
        }

        return new ParseResult(options, HelpRequested: false, Error: null);
    }

    private static (string Name, string? Value) Split(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }

    private static (SalesFloorOptions, string?) ParseSeed(SalesFloorOptions options, string value) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed)
            ? (options with { Seed = seed }, null)
            : (options, $"--seed needs a whole number (got '{value}')");

    private static (SalesFloorOptions, string?) ParseMonth(SalesFloorOptions options, string value)
    {
        var result = MonthPattern.Parse(value);
        return result.Success
            ? (options with { Month = result.Value }, null)
            : (options, $"--month needs a month as yyyy-MM, such as 2026-11 (got '{value}')");
    }

    private static (SalesFloorOptions, string?) ParseUntil(SalesFloorOptions options, string value)
    {
        var result = LocalDatePattern.Iso.Parse(value);
        return result.Success
            ? (options with { Until = result.Value }, null)
            : (options, $"--until needs a date as yyyy-MM-dd, such as 2026-11-15 (got '{value}')");
    }

    private static (SalesFloorOptions, string?) ParseReps(SalesFloorOptions options, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var reps) && reps is >= 1 and <= MaxRepsPerTeam
            ? (options with { RepsPerTeam = reps }, null)
            : (options, FormattableString.Invariant($"--reps needs a whole number from 1 to {MaxRepsPerTeam} (got '{value}')"));

    private static ParseResult Fail(string error) => new(null, HelpRequested: false, error);

    /// <summary>The options, a request for help, or what is wrong with the command line.</summary>
    internal sealed record ParseResult(SalesFloorOptions? Options, bool HelpRequested, string? Error);
}
