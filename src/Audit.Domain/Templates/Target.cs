using Audit.Domain.Grading;

namespace Audit.Domain.Templates;

/// <summary>The council's aim: at least <see cref="Percent"/>% of audits graded <see cref="AtLeast"/> or better.</summary>
public sealed record Target
{
    public Target(Grade atLeast, int percent)
    {
        if (!atLeast.IsDefined())
        {
            throw new DomainRuleException($"'{atLeast}' is not a grade.", "target.atLeast");
        }

        if (percent is < 1 or > 100)
        {
            throw new DomainRuleException("A target percentage is between 1 and 100.", "target.percent");
        }

        AtLeast = atLeast;
        Percent = percent;
    }

    public Grade AtLeast { get; }
    public int Percent { get; }

    public bool IsMetBy(Grade grade) => grade.IsAtLeast(AtLeast);
}
