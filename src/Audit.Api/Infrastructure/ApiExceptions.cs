using Audit.Workflows.Definitions;

namespace Audit.Api.Infrastructure;

/// <summary>The thing asked for does not exist, or the caller may not know that it does.</summary>
public sealed class NotFoundException(string what, object id) : Exception($"{what} {id} was not found.");

/// <summary>The caller is signed in but may not do this.</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>A field of the request names something that does not exist or does not fit (an unknown user, a case file twice).</summary>
public sealed class InvalidFieldException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>The audit's workflow does not allow this trigger in the audit's current state.</summary>
public sealed class TriggerNotPermittedException(string state, string trigger, IReadOnlyList<string> permittedTriggers)
    : Exception($"'{trigger}' is not permitted while the audit is in {state}.")
{
    public string State { get; } = state;
    public string Trigger { get; } = trigger;
    public IReadOnlyList<string> PermittedTriggers { get; } = permittedTriggers;
}

/// <summary>An uploaded file was refused whole: every fault by line and column, and nothing imported.</summary>
public sealed record ImportFault(long Line, string Column, string Problem);

public sealed class ImportRejectedException(IReadOnlyList<ImportFault> faults)
    : Exception($"The file has {faults.Count} fault(s); nothing was imported.")
{
    public IReadOnlyList<ImportFault> Faults { get; } = faults;
}

/// <summary>A workflow definition failed the checks every definition passes; nothing was published.</summary>
public sealed class InvalidDefinitionException(IReadOnlyList<WorkflowDefinitionError> errors) : Exception("The workflow definition is invalid.")
{
    public IReadOnlyList<WorkflowDefinitionError> Errors { get; } = errors;
}
