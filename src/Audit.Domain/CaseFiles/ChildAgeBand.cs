namespace Audit.Domain.CaseFiles;

/// <summary>A pseudonymised child is known here only by an age band, never by name or date of birth.</summary>
public enum ChildAgeBand
{
    UnderFive = 1,
    FiveToNine = 2,
    TenToFifteen = 3,
    SixteenToSeventeen = 4,
    EighteenToTwentyFive = 5,
}
