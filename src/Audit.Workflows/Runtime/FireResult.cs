namespace Audit.Workflows.Runtime;

/// <summary>The answer to firing a trigger: the audit moved (or stayed), or the trigger was refused.</summary>
public abstract record FireResult;

/// <summary>The trigger fired. <see cref="Effects"/> are the target state's entry activities, present only when the state changed.</summary>
public sealed record Transitioned(string From, string To, string Trigger, bool StateChanged, IReadOnlyList<Effect> Effects) : FireResult;

/// <summary>The actor holds none of the roles allowed to fire the trigger.</summary>
public sealed record TriggerForbidden(string Trigger, IReadOnlyList<string> AllowedRoles) : FireResult;

/// <summary>The trigger cannot fire in the current state; <see cref="PermittedTriggers"/> are what the actor may fire now.</summary>
public sealed record TriggerNotPermitted(string State, string Trigger, IReadOnlyList<string> PermittedTriggers) : FireResult;

/// <summary>Where a new audit begins, and what entering that state asks of the host.</summary>
public sealed record Started(string State, IReadOnlyList<Effect> Effects);
