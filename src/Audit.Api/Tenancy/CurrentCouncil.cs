using Audit.Api.Infrastructure;
using Microsoft.Extensions.Options;

namespace Audit.Api.Tenancy;

/// <summary>
/// The council (tenant) whose rows a request may read and write: the one service the database asks
/// (<see cref="Persistence.AuditDbContext"/> filters every query by it and stamps every new row with it). In a request it
/// is the signed-in person's council (the claim Tenancy:Claim), or <see cref="Default"/> without one; a runner that works
/// across councils enters each item's council in turn with <see cref="Enter"/>. A person whose claim names a council the
/// deployment does not serve (<see cref="TenancyOptions.Knows"/>) is refused at sign-in; should one get this far, nothing
/// of theirs is read or written (403).
/// </summary>
public sealed class CurrentCouncil(ICurrentUser user)
{
    private readonly IOptionsMonitor<TenancyOptions>? _tenancy;

    /// <summary>A request's council, checked against the councils the deployment serves.</summary>
    public CurrentCouncil(ICurrentUser user, IOptionsMonitor<TenancyOptions> tenancy)
        : this(user) => _tenancy = tenancy;

    /// <summary>The council of a deployment that names none: every row of a single-council deployment is its.</summary>
    public const string Default = "default";

    /// <summary>A council id is at most this long (the column's length).</summary>
    public const int MaxLength = 64;

    private string? _entered;
    private bool _every;
    private (string? Raw, string Id)? _claimed;

    /// <summary>The council whose rows are seen and written now.</summary>
    public string Id => _entered ?? Claimed();

    /// <summary>
    /// Whether a runner is saving rows of several councils at once (<see cref="EnterEvery"/>): then a changed row of any
    /// council may be saved, and a new row must already name its council. Queries are filtered by <see cref="Id"/> all the same.
    /// </summary>
    public bool Every => _every && _entered is null;

    /// <summary>Works in <paramref name="councilId"/>'s council until the answer is disposed (runners, one item at a time).</summary>
    public IDisposable Enter(string councilId)
    {
        var before = (_entered, _every);
        _entered = Normalise(councilId) ?? Default;
        return new Leave(this, before);
    }

    /// <summary>For a runner that changes rows it read across councils (with IgnoreQueryFilters) and saves them together.</summary>
    public IDisposable EnterEvery()
    {
        var before = (_entered, _every);
        (_entered, _every) = (null, true);
        return new Leave(this, before);
    }

    // Every query's filter reads Id, so the claim is checked once and kept while it names the same council.
    private string Claimed()
    {
        var raw = user.CouncilId;
        if (_claimed is { } known && known.Raw == raw)
        {
            return known.Id;
        }

        var claimed = Normalise(raw) ?? Default;
        if (_tenancy is not null && !_tenancy.CurrentValue.Knows(claimed))
        {
            throw new ForbiddenException("Your sign-in names a council this service does not serve.");
        }

        _claimed = (raw, claimed);
        return claimed;
    }

    /// <summary>A council id as stored: trimmed, lower case; null when blank.</summary>
    public static string? Normalise(string? councilId) =>
        string.IsNullOrWhiteSpace(councilId) ? null : councilId.Trim().ToLowerInvariant();

    private sealed class Leave(CurrentCouncil council, (string? Entered, bool Every) before) : IDisposable
    {
        public void Dispose() => (council._entered, council._every) = before;
    }
}
