using Audit.Api.Features.Rounds;

namespace Audit.Api.Pages.Rounds;

/// <summary>How the round pages put a round's answers and progress into words.</summary>
public static class RoundWords
{
    public static string CaseFiles(int count) => count == 1 ? "1 case file" : $"{count} case files";

    public static string How(RoundAnswers answers) => answers.How switch
    {
        RoundAnswers.Pick => "Picked by hand",
        RoundAnswers.Sample => $"At random: {answers.PerTeam} from each team, {Leaving(answers.Months)}",
        _ => "Not chosen",
    };

    public static string Sample(RoundSampleDto sample) =>
        $"At random: {sample.PerTeam} from each team, {Leaving(sample.ExcludeAuditedWithinMonths.ToString(System.Globalization.CultureInfo.InvariantCulture))} (seed {sample.Seed})";

    private static string Leaving(string? months) => months?.Trim() switch
    {
        "0" => "leaving none out for a recent audit",
        "1" => "leaving out those audited in the last month",
        _ => $"leaving out those audited in the last {months} months",
    };

    /// <summary>The progress as one line of words, for a summary.</summary>
    public static string Graded(RoundProgress progress) => $"{progress.Graded} of {progress.Total} graded";
}
