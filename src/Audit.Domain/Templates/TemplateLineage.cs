using Audit.Domain.Grading;

namespace Audit.Domain.Templates;

/// <summary>
/// Every version of one template. Only the newest version may be edited, and only while the template is not retired;
/// retiring applies to all the versions at once. Retiring twice changes nothing: the first retirement stands.
/// </summary>
public sealed class TemplateLineage
{
    private readonly List<Template> _versions;

    public TemplateLineage(IEnumerable<Template> versions)
    {
        _versions = [.. versions.OrderBy(v => v.Version)];
        if (_versions.Count == 0)
        {
            throw new ArgumentException("A template has at least one version.", nameof(versions));
        }

        if (_versions.Select(v => v.LineageId).Distinct().Count() > 1)
        {
            throw new ArgumentException("The versions are of more than one template.", nameof(versions));
        }
    }

    public IReadOnlyList<Template> Versions => _versions;

    public Template Newest => _versions[^1];

    public bool IsRetired => Newest.IsRetired;

    /// <summary>Makes the next version from new inputs, if <paramref name="editedVersionId"/> is the newest and the template is not retired.</summary>
    public Template Edit(
        Guid editedVersionId,
        Guid newId,
        string name,
        IEnumerable<(string Title, string Guidance, string? PlainWords)> criteria,
        Target target,
        IEnumerable<GraderRole> graders,
        string editedBy,
        DateTimeOffset editedAt)
    {
        if (IsRetired)
        {
            throw new DomainConflictException("This template is retired, so it cannot be edited.");
        }

        var edited = _versions.SingleOrDefault(v => v.Id == editedVersionId)
            ?? throw new ArgumentException("The edited version is not one of this template's.", nameof(editedVersionId));
        if (edited != Newest)
        {
            throw new DomainConflictException($"Version {edited.Version} is not the newest: edit the newest version, version {Newest.Version}.");
        }

        var next = Newest.NextVersion(newId, name, criteria, target, graders, editedBy, editedAt);
        _versions.Add(next);
        return next;
    }

    public void Retire(string by, DateTimeOffset at)
    {
        foreach (var version in _versions)
        {
            version.Retire(by, at);
        }
    }
}
