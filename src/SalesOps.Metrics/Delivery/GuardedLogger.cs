using Microsoft.Extensions.Logging;

namespace SalesOps.Metrics.Delivery;

/// <summary>
/// A logger that never throws: the hosting layer logs from the very catch blocks that keep failures away from the
/// host, so a logging provider that throws must not carry a failure out of them.
/// </summary>
/// <param name="inner">The application's logger.</param>
internal sealed class GuardedLogger(ILogger inner) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull
    {
        try
        {
            return inner.BeginScope(state);
        }
        catch (Exception)
        {
            return null;
        }
    }

    public bool IsEnabled(LogLevel logLevel)
    {
        try
        {
            return inner.IsEnabled(logLevel);
        }
        catch (Exception)
        {
            return false;
        }
    }

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        try
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
        catch (Exception)
        {
            // Dropped on purpose: the line is lost, the host stays up.
        }
    }
}
