namespace SalesOps.Metrics.Plugins;

/// <summary>How a <see cref="SqlActivitySource"/> limits the rows of one query.</summary>
public enum SqlPaging
{
    /// <summary><c>LIMIT @n</c>: SQLite, PostgreSQL, MySQL.</summary>
    Limit,

    /// <summary><c>OFFSET 0 ROWS FETCH NEXT @n ROWS ONLY</c>: SQL Server, Oracle, PostgreSQL, DB2.</summary>
    OffsetFetch,

    /// <summary>No limit in SQL: the source stops reading after the rows it needs.</summary>
    None,
}
