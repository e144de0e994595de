using Audit.Api.Infrastructure;
using Audit.Api.Tenancy;
using Microsoft.Extensions.Options;

namespace Audit.Api.Tests.Tenancy;

/// <summary>The council a request works in: the signed-in person's, if the deployment serves it.</summary>
public sealed class CurrentCouncilTests
{
    private const string North = "north";
    private const string Nowhere = "nowhere";

    [Fact]
    public void NothingIsReadOrWrittenForAPersonWhoseCouncilTheDeploymentDoesNotServe()
    {
        var monitor = new CountingMonitor(Serving(North));

        new CurrentCouncil(new Person(" North "), monitor).Id.ShouldBe(North);
        new CurrentCouncil(new Person(null), monitor).Id.ShouldBe(CurrentCouncil.Default);
        Should.Throw<ForbiddenException>(() => new CurrentCouncil(new Person(Nowhere), monitor).Id);

        // A runner enters a council named by its rows, which the check leaves alone.
        var runner = new CurrentCouncil(new Person(Nowhere), monitor);
        using (runner.Enter(North))
        {
            runner.Id.ShouldBe(North);
        }
    }

    [Fact]
    public void ASingleCouncilDeploymentServesTheDefaultCouncilWithNoSetting()
    {
        var tenancy = new TenancyOptions();

        tenancy.Knows(null).ShouldBeTrue();
        tenancy.Knows(" Default ").ShouldBeTrue();
        tenancy.Knows(North).ShouldBeFalse();
    }

    [Fact]
    public void TheClaimedCouncilIsCheckedOnceWhileTheClaimStaysTheSameAndAgainWhenItChanges()
    {
        var monitor = new CountingMonitor(Serving(North));
        var person = new Person(North);
        var council = new CurrentCouncil(person, monitor);

        for (var query = 0; query < 50; query++)
        {
            council.Id.ShouldBe(North);
        }

        monitor.Reads.ShouldBe(1, "every query's filter reads the council: the served councils are looked up once");

        person.Council = Nowhere;
        Should.Throw<ForbiddenException>(() => council.Id);
        monitor.Reads.ShouldBe(2);
    }

    private static TenancyOptions Serving(string council)
    {
        var tenancy = new TenancyOptions();
        tenancy.Councils.Add(council);
        return tenancy;
    }

    private sealed class Person(string? council) : ICurrentUser
    {
        public string? Council { get; set; } = council;

        public string? UserName => "someone";

        public IReadOnlySet<string> Roles { get; } = new HashSet<string>();

        public Guid? TeamId => null;

        public string? CouncilId => Council;

        public bool IsIn(string role) => false;
    }

    private sealed class CountingMonitor(TenancyOptions value) : IOptionsMonitor<TenancyOptions>
    {
        public int Reads { get; private set; }

        public TenancyOptions CurrentValue
        {
            get
            {
                Reads++;
                return value;
            }
        }

        public TenancyOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<TenancyOptions, string?> listener) => null;
    }
}
