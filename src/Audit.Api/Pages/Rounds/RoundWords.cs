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

    /// <summary>Blind second marking in words: the share asked for and, when known, how many audits that is.</summary>
    public static string SecondMarking(int percent, int? audits) => percent <= 0
        ? "None"
        : audits is { } n
            ? $"{percent}%: a second auditor grades {(n == 1 ? "1 audit" : $"{n} audits")} blind"
            : $"{percent}% of audits, graded blind by a second auditor";

    /// <summary>The progress as one line of words, for a summary.</summary>
    public static string Graded(RoundProgress progress) => $"{progress.Graded} of {progress.Total} graded";
}
