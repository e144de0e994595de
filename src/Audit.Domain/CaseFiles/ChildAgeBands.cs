namespace Audit.Domain.CaseFiles;

/// <summary>Age bands as case-management exports write them: by name (TenToFifteen) or as a range (10-15).</summary>
public static class ChildAgeBands
{
    private static readonly Dictionary<string, ChildAgeBand> Ranges = new(StringComparer.OrdinalIgnoreCase)
    {
        ["0-4"] = ChildAgeBand.UnderFive,
        ["5-9"] = ChildAgeBand.FiveToNine,
        ["10-15"] = ChildAgeBand.TenToFifteen,
        ["16-17"] = ChildAgeBand.SixteenToSeventeen,
        ["18-25"] = ChildAgeBand.EighteenToTwentyFive,
    };

    public static IReadOnlyList<string> Accepted { get; } = [.. Enum.GetNames<ChildAgeBand>(), .. Ranges.Keys];

    public static ChildAgeBand? Parse(string text) =>
        Ranges.TryGetValue(text.Trim(), out var band) ? band
        : Enum.TryParse<ChildAgeBand>(text.Trim(), ignoreCase: true, out band) && Enum.IsDefined(band) && !int.TryParse(text, out _) ? band
        : null;
}
