using Audit.Api.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Audit.Api.Tests.Persistence;

/// <summary><c>Database:Provider</c> picks the database: SQLite unless it says Postgres, and nothing else.</summary>
public sealed class DatabaseProviderSettingTests
{
    [Fact]
    public void WithoutTheSettingTheServiceRunsOnSqlite()
    {
        DatabaseSetup.Provider(Settings()).ShouldBe(DatabaseProvider.Sqlite);
    }

    [Theory]
    [InlineData("Postgres", DatabaseProvider.Postgres)]
    [InlineData("postgres", DatabaseProvider.Postgres)]
    [InlineData("Sqlite", DatabaseProvider.Sqlite)]
    public void TheSettingNamesTheProviderInAnyCase(string value, DatabaseProvider provider)
    {
        DatabaseSetup.Provider(Settings(("Database:Provider", value))).ShouldBe(provider);
    }

    [Theory]
    [InlineData("Oracle")]
    [InlineData("1")]
    public void AnyOtherProviderStopsTheServiceSayingWhichAreKnown(string value)
    {
        var error = Should.Throw<InvalidOperationException>(() => DatabaseSetup.Provider(Settings(("Database:Provider", value))));

        error.Message.ShouldContain("Database:Provider");
        error.Message.ShouldContain("Sqlite or Postgres");
    }

    [Fact]
    public void PostgresWithoutAConnectionStringStopsTheServiceSayingSo()
    {
        var error = Should.Throw<InvalidOperationException>(() =>
            new ServiceCollection().AddAuditDatabase(Settings(("Database:Provider", "Postgres")), new Environment()));

        error.Message.ShouldContain("ConnectionStrings:Audit");
    }

    [Fact]
    public void PostgresRegistersThePostgresContextAsTheServicesDatabase()
    {
        var services = new ServiceCollection()
            .AddSingleton<Audit.Api.Infrastructure.ICurrentUser, Audit.Api.Persistence.DesignTimeUser>()
            .AddSingleton(TimeProvider.System)
            .AddAuditDatabase(Settings(("Database:Provider", "Postgres"), ("ConnectionStrings:Audit", "Host=127.0.0.1;Database=audit")), new Environment());
        using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();

        var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();

        db.ShouldBeOfType<PostgresAuditDbContext>();
        db.Database.IsNpgsql().ShouldBeTrue();
    }

    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    private sealed class Environment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Development";
        public string ApplicationName { get; set; } = "Audit.Api";
        public string ContentRootPath { get; set; } = Path.GetTempPath();
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
