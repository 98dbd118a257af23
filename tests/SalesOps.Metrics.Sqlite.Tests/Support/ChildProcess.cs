using System.Diagnostics;

namespace SalesOps.Metrics.Sqlite.Tests;

/// <summary>Starts this test assembly as a separate process running one of the modes of <see cref="Program"/>.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;

    private ChildProcess(Process process) => _process = process;

    public static ChildProcess Start(params string[] arguments)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return new ChildProcess(Process.Start(info) ?? throw new InvalidOperationException("The child process did not start."));
    }

    /// <summary>Runs a mode to its end.</summary>
    /// <returns>The exit code and everything written to standard output.</returns>
    public static (int ExitCode, string Output) Run(params string[] arguments)
    {
        using var child = Start(arguments);
        var output = child._process.StandardOutput.ReadToEnd();
        var error = child._process.StandardError.ReadToEnd();
        if (!child._process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            throw new TimeoutException("The child process did not finish within a minute.");
        }

        return (child._process.ExitCode, output + error);
    }

    /// <summary>The next line the child wrote, or <see langword="null"/> when it closed its output.</summary>
    public string? ReadLine() => _process.StandardOutput.ReadLine();

    /// <summary>Kills the child at once (SIGKILL on Unix) and waits for it to be gone.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }
}
