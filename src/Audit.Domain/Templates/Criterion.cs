namespace Audit.Domain.Templates;

public sealed class Criterion
{
    private Criterion()
    {
    }

    internal Criterion(Guid id, int position, string title, string guidance, string? plainWords = null)
    {
        Id = id;
        Position = position;
        Title = title;
        Guidance = guidance;
        PlainWords = plainWords;
    }

    public Guid Id { get; private set; }
    public Guid TemplateId { get; private set; }
    public int Position { get; private set; }
    public string Title { get; private set; } = "";
    public string Guidance { get; private set; } = "";

    /// <summary>The criterion in plain words for young assessors, shown to them instead of the staff wording; null when not given.</summary>
    public string? PlainWords { get; private set; }
}
