namespace Audit.Api.Persistence;

/// <summary>Which database the service keeps its data in (<c>Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
