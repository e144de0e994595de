namespace Audit.Domain.Templates;

public sealed class Criterion
{
    private Criterion()
    {
    }

    internal Criterion(Guid id, int position, string title, string guidance)
    {
        Id = id;
        Position = position;
        Title = title;
        Guidance = guidance;
    }

    public Guid Id { get; private set; }
    public Guid TemplateId { get; private set; }
    public int Position { get; private set; }
    public string Title { get; private set; } = "";
    public string Guidance { get; private set; } = "";
}
