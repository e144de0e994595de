namespace Audit.Api.Tests.Browser;

public sealed class ReadingAgeTests
{
    [Theory]
    [InlineData("cat", 1)]
    [InlineData("the", 1)]
    [InlineData("make", 1)]
    [InlineData("water", 2)]
    [InlineData("table", 2)]
    [InlineData("wanted", 2)]
    [InlineData("jumped", 1)]
    [InlineData("audit", 2)]
    [InlineData("assessor", 3)]
    [InlineData("beautiful", 3)]
    [InlineData("yesterday", 3)]
    [InlineData("understanding", 4)]
    [InlineData("responsibilities", 6)]
    [InlineData("2026", 1)]
    public void CountsSyllablesCloseToHowTheyAreSaid(string word, int syllables) =>
        ReadingAge.SyllablesIn(word).ShouldBe(syllables);

    [Fact]
    public void AShortPlainSentenceReadsBelowGradeOne()
    {
        var age = ReadingAge.Of("The cat sat on the mat.");

        age.ShouldBe(new ReadingAge(Sentences: 1, Words: 6, Syllables: 6));
        age.Grade.ShouldBeLessThanOrEqualTo(1);
    }

    [Fact]
    public void ALongAcademicSentenceReadsAboveGradeTwelve()
    {
        var age = ReadingAge.Of(
            "The multidisciplinary safeguarding partnership's comprehensive evaluation demonstrated that " +
            "organisational accountability mechanisms were insufficiently operationalised, necessitating " +
            "considerable reconfiguration of interdepartmental information-sharing responsibilities.");

        age.Sentences.ShouldBe(1);
        age.Grade.ShouldBeGreaterThan(12);
    }

    [Fact]
    public void PlainGuidanceForAYoungAssessorReadsAtGradeSevenOrLower()
    {
        var age = ReadingAge.Of(
            "Read the record. Did the worker write down what the child said? Choose yes or no. Then tell us why.");

        age.Sentences.ShouldBe(4);
        age.Grade.ShouldBeLessThanOrEqualTo(7);
    }

    [Fact]
    public void HeadingsAndListItemsAreSentencesOfTheirOwn()
    {
        var sentences = ReadingAge.SplitSentences(
            "Your audits\n\nCheck the plan\nGrade it\nThe cat sat. The dog ran! Is it 3.5 days? \"Yes.\" Done");

        sentences.ShouldBe(["Your audits", "Check the plan", "Grade it", "The cat sat.", "The dog ran!", "Is it 3.5 days?", "\"Yes.\"", "Done"]);
    }

    [Fact]
    public void TextWithNoWordsHasGradeZero()
    {
        var age = ReadingAge.Of(" \n — \n");

        age.Words.ShouldBe(0);
        age.Grade.ShouldBe(0);
    }
}
