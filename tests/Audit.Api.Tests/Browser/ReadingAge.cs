using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Audit.Api.Tests.Browser;

/// <summary>
/// The Flesch-Kincaid grade level of English text: 0.39 × words per sentence + 11.8 × syllables per word − 15.59.
/// A young assessor's pages should read at grade 7 or lower. Syllables are counted by a heuristic (vowel groups,
/// less a silent final e), which is close enough for a ceiling check.
/// </summary>
public sealed partial record ReadingAge(int Sentences, int Words, int Syllables)
{
    public double Grade => Words == 0
        ? 0
        : (0.39 * Words / Sentences) + (11.8 * Syllables / Words) - 15.59;

    public static ReadingAge Of(string text)
    {
        var sentences = SplitSentences(text);
        var words = sentences.SelectMany(WordsOf).ToList();
        return new ReadingAge(sentences.Count, words.Count, words.Sum(SyllablesIn));
    }

    /// <summary>The reading age of what the page's main landmark shows.</summary>
    public static async Task<ReadingAge> OfMainAsync(IPage page) => Of(await MainTextAsync(page));

    /// <summary>The visible text of the page's &lt;main&gt;: headings, list items and paragraphs each on a line of their own.</summary>
    public static Task<string> MainTextAsync(IPage page) => page.GetByRole(AriaRole.Main).InnerTextAsync();

    /// <summary>
    /// Lines first (a heading, list item, label or paragraph is a line of visible text, and stands as a sentence even
    /// without a full stop), then each line at a full stop, question or exclamation mark followed by a space.
    /// </summary>
    public static IReadOnlyList<string> SplitSentences(string text) =>
        [.. text.Split('\n')
            .SelectMany(line => SentenceEnd().Split(line))
            .Select(s => s.Trim())
            .Where(s => WordsOf(s).Any())];

    public static IEnumerable<string> WordsOf(string sentence) =>
        Word().Matches(sentence).Select(m => m.Value);

    public static int SyllablesIn(string word)
    {
        var w = new string([.. word.ToLowerInvariant().Where(char.IsAsciiLetterLower)]);
        if (w.Length == 0)
        {
            // A number or a symbol is read as one word of one syllable: a fair floor.
            return 1;
        }

        if (w.Length <= 3)
        {
            return 1;
        }

        w = SilentEnding().Replace(w, string.Empty);
        w = LeadingY().Replace(w, string.Empty);
        return Math.Max(1, VowelGroup().Count(w));
    }

    [GeneratedRegex(@"(?<=[.!?…][""'”’)]?)\s+")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*")]
    private static partial Regex Word();

    // "make", "lives", "based" end silently; "table", "needed", "wanted" and "see" do not.
    [GeneratedRegex("(?:[^laeiouy]es|[^aeiouytd]ed|[^laeiouy]e)$")]
    private static partial Regex SilentEnding();

    [GeneratedRegex("^y")]
    private static partial Regex LeadingY();

    [GeneratedRegex("[aeiouy]+")]
    private static partial Regex VowelGroup();
}
