namespace Audit.Domain.Users;

/// <summary>
/// User names match without regard to case or surrounding spaces: "Ivan.Quill " and "ivan.quill" are one person. Each is
/// kept in one canonical form (trimmed, lower case), so that a lookup or a comparison anywhere is a plain equality.
/// </summary>
public static class UserNames
{
    public const string Blank = "A user name cannot be blank.";

    /// <summary>The canonical form of a user name; a blank one is refused.</summary>
    public static string Canonical(string? userName, string field = "userName") =>
        CanonicalOrNull(userName) ?? throw new DomainRuleException(Blank, field);

    /// <summary>The canonical form of a user name, or null for none (null, empty or only spaces).</summary>
    public static string? CanonicalOrNull(string? userName) =>
        string.IsNullOrWhiteSpace(userName) ? null : userName.Trim().ToLowerInvariant();

    /// <summary>The canonical forms of several user names, blanks refused, each named once.</summary>
    public static IReadOnlyList<string> Canonical(IEnumerable<string?> userNames, string field) =>
        userNames.Select(name => Canonical(name, field)).Distinct(StringComparer.Ordinal).ToList();
}
