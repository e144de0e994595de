using Audit.Api.Features.Templates;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Audit.Api.Pages.Rounds;

/// <summary>The first question: the round's name and its template (the newest version of each template not retired).</summary>
public sealed class NewRoundModel(ISender sender) : RoundStepModel(sender)
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? TemplateId { get; set; }

    /// <summary>Set by the "Plan a round" button on the rounds list: start again with no answers.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Start { get; set; }

    public IReadOnlyList<TemplateDto> Templates { get; private set; } = [];

    protected override RoundStep ThisStep => RoundStep.Start;

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Start)
        {
            Forget();
        }

        Name = Answers.Name;
        TemplateId = Answers.TemplateId?.ToString();
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Answers.Name = Name;
        Answers.TemplateId = Guid.TryParse(TemplateId, out var id) ? id : null;
        if (await SaveAndGoOnAsync(ct) is { } next)
        {
            return next;
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) => Templates = (await Sender.Send(new ListTemplates(), ct)).Items;
}
