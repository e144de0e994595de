using Audit.Domain.Grading;

namespace Audit.Domain.Templates;

/// <summary>
/// What an audit grades: the criteria with their guidance, the target and who must grade. Each row is one version,
/// never changed once saved: editing a template makes the next version (see <see cref="TemplateLineage"/>), so an
/// audit keeps the criteria it started on.
/// </summary>
public sealed class Template
{
    public const int MaxCriteria = 30;

    private readonly List<Criterion> _criteria = [];
    private readonly List<GraderRole> _graders = [];

    private Template()
    {
    }

    public Template(
        Guid id,
        string name,
        IEnumerable<(string Title, string Guidance)> criteria,
        Target target,
        IEnumerable<GraderRole> graders,
        string createdBy,
        DateTimeOffset createdAt)
        : this(id, name, criteria.Select(c => (c.Title, c.Guidance, (string?)null)), target, graders, createdBy, createdAt)
    {
    }

    /// <param name="criteria">Each criterion's title, guidance for staff and, optionally, its plain words for young assessors.</param>
    public Template(
        Guid id,
        string name,
        IEnumerable<(string Title, string Guidance, string? PlainWords)> criteria,
        Target target,
        IEnumerable<GraderRole> graders,
        string createdBy,
        DateTimeOffset createdAt)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainRuleException("A template needs a name.", nameof(name));
        }

        Id = id;
        LineageId = id;
        Version = 1;
        Name = name.Trim();
        Target = target;
        CreatedBy = createdBy;
        CreatedAt = createdAt;

        var position = 0;
        foreach (var (title, guidance, plainWords) in criteria)
        {
            if (string.IsNullOrWhiteSpace(title))
            {
                throw new DomainRuleException("Every criterion needs a title.", $"criteria[{position}].title");
            }

            var plain = string.IsNullOrWhiteSpace(plainWords) ? null : plainWords.Trim();
            _criteria.Add(new Criterion(Guid.CreateVersion7(), position++, title.Trim(), guidance?.Trim() ?? "", plain));
        }

        if (_criteria.Count is 0 or > MaxCriteria)
        {
            throw new DomainRuleException($"A template has between 1 and {MaxCriteria} criteria.", nameof(criteria));
        }

        _graders.AddRange(graders.Distinct());
        if (_graders.Where(g => !Enum.IsDefined(g) || g == GraderRole.SecondAuditor).ToList() is { Count: > 0 } unknown)
        {
            throw new DomainRuleException($"'{string.Join(", ", unknown)}' is not a grader role.", nameof(graders));
        }

        if (!_graders.Contains(GraderRole.Auditor))
        {
            throw new DomainRuleException("Every template is graded by an auditor.", nameof(graders));
        }
    }

    public Guid Id { get; private set; }

    /// <summary>The id of the template's first version, shared by all its versions.</summary>
    public Guid LineageId { get; private set; }

    /// <summary>1 for the first version, one more for each edit.</summary>
    public int Version { get; private set; }

    /// <summary>When the template was retired: set on every version, as retiring applies to the whole template.</summary>
    public DateTimeOffset? RetiredAt { get; private set; }

    public string? RetiredBy { get; private set; }

    public bool IsRetired => RetiredAt is not null;

    public string Name { get; private set; } = "";
    public Target Target { get; private set; } = new(Grade.Good, 65);
    public IReadOnlyList<Criterion> Criteria => _criteria;
    public IReadOnlyList<GraderRole> Graders => _graders;
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The version after this one, from new inputs: new criteria ids, the same lineage.</summary>
    internal Template NextVersion(
        Guid id,
        string name,
        IEnumerable<(string Title, string Guidance, string? PlainWords)> criteria,
        Target target,
        IEnumerable<GraderRole> graders,
        string createdBy,
        DateTimeOffset createdAt) =>
        new(id, name, criteria, target, graders, createdBy, createdAt) { LineageId = LineageId, Version = Version + 1 };

    /// <summary>Marks this version retired; the first retirement stands.</summary>
    internal void Retire(string by, DateTimeOffset at)
    {
        if (IsRetired)
        {
            return;
        }

        RetiredAt = at;
        RetiredBy = by;
    }

    public bool Requires(GraderRole role) => _graders.Contains(role);

    public bool HasCriterion(Guid criterionId) => _criteria.Any(c => c.Id == criterionId);
}
