namespace SalesOps.Metrics;

/// <summary>A store cannot be used: it is in use by another process, unreadable, or from a newer version.</summary>
public sealed class StoreException : Exception
{
    /// <summary>Creates an exception.</summary>
    public StoreException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    public StoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public StoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
