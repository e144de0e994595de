using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Audit.Domain.Users;
using Audit.Workflows.Catalogue;

namespace Audit.Workflows.Definitions;

/// <summary>
/// Reads one definition and checks it against the catalogue, recording every error found with its JSON path.
/// The definition comes back only when it has no error; its name and version come back whenever they could be read,
/// so that the loader can still check the file name.
/// </summary>
internal sealed partial class DefinitionReader
{
    private readonly JsonReading _json;
    private readonly string _source;
    private readonly int _errorsBefore;
    private readonly List<WorkflowDefinitionError> _errors;

    private DefinitionReader(string source, List<WorkflowDefinitionError> errors)
    {
        _source = source;
        _errors = errors;
        _errorsBefore = errors.Count;
        _json = new JsonReading(source, errors);
    }

    public static DefinitionRead Read(string text, string source, List<WorkflowDefinitionError> errors) =>
        new DefinitionReader(source, errors).Read(text);

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex KebabName();

    private bool Clean => _errors.Count == _errorsBefore;

    private DefinitionRead Read(string text)
    {
        if (JsonSyntax.Check(text) is var (path, problem))
        {
            _json.Error(path, problem);
            return DefinitionRead.Nothing;
        }

        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        if (!_json.IsObject(root, "$", "A workflow definition"))
        {
            return DefinitionRead.Nothing;
        }

        _json.RefuseUnknown(root, "$", "$schema", "name", "version", "title", "description", "initialState", "states", "triggers", "transitions");
        var name = _json.String(root, "name", "$");
        if (name is not null && !KebabName().IsMatch(name))
        {
            _json.Error("$.name", $"'{name}' must be lower-case words joined by hyphens, such as 'case-file-audit'.");
            name = null;
        }

        var version = _json.Integer(root, "version", "$", min: 1);
        var title = _json.String(root, "title", "$", required: false);
        var description = _json.String(root, "description", "$", required: false);
        var initial = _json.String(root, "initialState", "$");
        var states = ReadStates(root);
        var triggers = ReadTriggers(root);
        var transitions = ReadTransitions(root, states, triggers);

        if (initial is not null && states.Count > 0 && states.All(s => s.State.Name != initial))
        {
            _json.Error("$.initialState", $"unknown state '{initial}'; the states are {string.Join(", ", states.Select(s => s.State.Name))}.");
        }

        if (Clean)
        {
            CheckShape(initial!, states, transitions);
        }

        if (!Clean)
        {
            return new DefinitionRead(null, name, version);
        }

        var canonical = Canonical(text);
        var definition = new WorkflowDefinition(
            name!,
            version!.Value,
            title ?? name!,
            description,
            initial!,
            states.Select(s => s.State).ToList().AsReadOnly(),
            triggers.Select(t => t.Trigger).ToList().AsReadOnly(),
            transitions.Select(t => t.Transition).ToList().AsReadOnly(),
            Hash(canonical),
            canonical,
            _source);
        return new DefinitionRead(definition, name, version);
    }

    /// <summary>
    /// The definition parsed and written back compactly. Published versions are pinned by the hash of this text, so
    /// it must not change: the same content must always give the same text.
    /// </summary>
    public static string Canonical(string json) => JsonNode.Parse(json)!.ToJsonString();

    /// <summary>Lower-case hex SHA-256 of the canonical (compact) JSON: whitespace and line endings do not change it.</summary>
    public static string Hash(string canonicalJson) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalJson)));

    private List<(StateDefinition State, string Path)> ReadStates(JsonElement root)
    {
        var states = new List<(StateDefinition, string)>();
        foreach (var (item, path) in _json.Array(root, "states", "$", required: true, nonEmpty: true))
        {
            if (!_json.IsObject(item, path, "A state"))
            {
                continue;
            }

            _json.RefuseUnknown(item, path, "name", "description", "final", "onEntry", "timers");
            var name = _json.String(item, "name", path);
            var final = _json.Boolean(item, "final", path);
            var onEntry = new List<ActivityReference>();
            foreach (var (entry, entryPath) in _json.Array(item, "onEntry", path, required: false))
            {
                if (ReadActivity(entry, entryPath) is { } activity)
                {
                    onEntry.Add(activity);
                }
            }

            var timers = ReadTimers(item, path, final);
            if (name is null)
            {
                continue;
            }

            if (states.Any(s => s.Item1.Name == name))
            {
                _json.Error($"{path}.name", $"the state '{name}' is defined twice.");
                continue;
            }

            states.Add((new StateDefinition(name, _json.String(item, "description", path, required: false), final, onEntry.AsReadOnly(), timers), path));
        }

        return states;
    }

    private System.Collections.ObjectModel.ReadOnlyCollection<TimerDefinition> ReadTimers(JsonElement state, string statePath, bool final)
    {
        var timers = new List<TimerDefinition>();
        foreach (var (item, path) in _json.Array(state, "timers", statePath, required: false))
        {
            if (!_json.IsObject(item, path, "A timer"))
            {
                continue;
            }

            if (final)
            {
                _json.Error(path, "a final state has no timers: nothing waits there.");
            }

            _json.RefuseUnknown(item, path, "name", "from", "days", "do");
            var name = _json.String(item, "name", path);
            var from = _json.String(item, "from", path);
            if (from is not null && !TimerAnchors.All.Contains(from))
            {
                _json.Error($"{path}.from", $"unknown moment '{from}'; timers count from {string.Join(", ", TimerAnchors.All)}.");
            }

            var days = _json.Integer(item, "days", path, min: -365);
            if (days > 365)
            {
                _json.Error($"{path}.days", "'days' must be between -365 and 365.");
            }

            var activities = new List<ActivityReference>();
            foreach (var (entry, entryPath) in _json.Array(item, "do", path, required: true, nonEmpty: true))
            {
                if (ReadActivity(entry, entryPath) is { } activity)
                {
                    activities.Add(activity);
                }
            }

            if (name is not null && timers.Any(t => t.Name == name))
            {
                _json.Error($"{path}.name", $"the timer '{name}' is defined twice in this state.");
            }
            else if (name is not null && from is not null && days is not null)
            {
                timers.Add(new TimerDefinition(name, from, days.Value, activities.AsReadOnly()));
            }
        }

        return timers.AsReadOnly();
    }

    private List<(TriggerDefinition Trigger, string Path)> ReadTriggers(JsonElement root)
    {
        var triggers = new List<(TriggerDefinition, string)>();
        foreach (var (item, path) in _json.Array(root, "triggers", "$", required: true))
        {
            if (!_json.IsObject(item, path, "A trigger"))
            {
                continue;
            }

            _json.RefuseUnknown(item, path, "name", "roles");
            var name = _json.String(item, "name", path);
            if (name is not null && !Catalogue.Triggers.All.Contains(name))
            {
                _json.Error($"{path}.name", $"unknown trigger '{name}'; the service knows {string.Join(", ", Catalogue.Triggers.All)}.");
            }

            var roles = new List<string>();
            foreach (var (role, rolePath) in _json.Array(item, "roles", path, required: true, nonEmpty: true))
            {
                if (role.ValueKind != JsonValueKind.String || !Role.IsKnown(role.GetString()!))
                {
                    var named = role.ValueKind == JsonValueKind.String ? $"'{role.GetString()}'" : role.GetRawText();
                    _json.Error(rolePath, $"unknown role {named}; the roles are {string.Join(", ", Role.All)}.");
                    continue;
                }

                if (roles.Contains(role.GetString()!))
                {
                    _json.Error(rolePath, $"the role '{role.GetString()}' is listed twice.");
                    continue;
                }

                roles.Add(role.GetString()!);
            }

            if (name is null)
            {
                continue;
            }

            if (triggers.Any(t => t.Item1.Name == name))
            {
                _json.Error($"{path}.name", $"the trigger '{name}' is declared twice.");
                continue;
            }

            triggers.Add((new TriggerDefinition(name, roles.AsReadOnly()), path));
        }

        return triggers;
    }

    private List<(TransitionDefinition Transition, string Path)> ReadTransitions(
        JsonElement root, List<(StateDefinition State, string Path)> states, List<(TriggerDefinition Trigger, string Path)> triggers)
    {
        var transitions = new List<(TransitionDefinition, string Path, bool Guarded)>();
        foreach (var (item, path) in _json.Array(root, "transitions", "$", required: true))
        {
            if (!_json.IsObject(item, path, "A transition"))
            {
                continue;
            }

            _json.RefuseUnknown(item, path, "from", "trigger", "to", "when");
            var from = _json.String(item, "from", path);
            var trigger = _json.String(item, "trigger", path);
            var to = _json.String(item, "to", path);
            var when = new List<GuardReference>();
            var guards = _json.Array(item, "when", path, required: false);
            foreach (var (guard, guardPath) in guards)
            {
                if (ReadGuard(guard, guardPath) is { } reference)
                {
                    when.Add(reference);
                }
            }

            // With no states read, the states list itself has been reported; naming every transition again adds nothing.
            var fromState = states.FirstOrDefault(s => s.State.Name == from).State;
            if (from is not null && fromState is null && states.Count > 0)
            {
                _json.Error($"{path}.from", $"unknown state '{from}'.");
            }

            if (to is not null && states.Count > 0 && states.All(s => s.State.Name != to))
            {
                _json.Error($"{path}.to", $"unknown state '{to}'.");
            }

            if (trigger is not null && triggers.All(t => t.Trigger.Name != trigger))
            {
                _json.Error($"{path}.trigger", $"the trigger '{trigger}' is not declared in 'triggers'.");
            }

            if (fromState is { Final: true })
            {
                _json.Error($"{path}.from", $"'{from}' is final: nothing leaves a final state.");
            }

            if (from is not null && trigger is not null && to is not null)
            {
                var earlier = transitions.FirstOrDefault(t => t.Item1.From == from && t.Item1.Trigger == trigger && !t.Guarded);
                if (earlier.Item1 is not null)
                {
                    _json.Error(path, $"this transition can never be taken: the earlier transition {earlier.Path} for '{from}' on '{trigger}' has no guards.");
                }

                // Guarded as written, even where a guard was refused above, so that one mistake is reported once.
                transitions.Add((new TransitionDefinition(from, trigger, to, when.AsReadOnly()), path, guards.Count > 0));
            }
        }

        return transitions.Select(t => (t.Item1, t.Path)).ToList();
    }

    private GuardReference? ReadGuard(JsonElement item, string path)
    {
        if (!_json.IsObject(item, path, "A guard reference"))
        {
            return null;
        }

        _json.RefuseUnknown(item, path, "guard", "with");
        var name = _json.String(item, "guard", path);
        var with = _json.With(item, path);
        if (name is null)
        {
            return null;
        }

        if (!WorkflowCatalogue.Guards.TryGetValue(name, out var guard))
        {
            _json.Error($"{path}.guard", $"unknown guard '{name}'; the catalogue has {string.Join(", ", WorkflowCatalogue.Guards.Keys)}.");
            return null;
        }

        CheckParameters(guard.Parameters, with, path);
        return new GuardReference(name, with);
    }

    private ActivityReference? ReadActivity(JsonElement item, string path)
    {
        if (!_json.IsObject(item, path, "An activity reference"))
        {
            return null;
        }

        _json.RefuseUnknown(item, path, "activity", "with");
        var name = _json.String(item, "activity", path);
        var with = _json.With(item, path);
        if (name is null)
        {
            return null;
        }

        if (!WorkflowCatalogue.Activities.TryGetValue(name, out var activity))
        {
            _json.Error($"{path}.activity", $"unknown activity '{name}'; the catalogue has {string.Join(", ", WorkflowCatalogue.Activities.Keys)}.");
            return null;
        }

        CheckParameters(activity.Parameters, with, path);
        return new ActivityReference(name, with);
    }

    private void CheckParameters(IReadOnlyList<ParameterSpec> specs, IReadOnlyDictionary<string, JsonElement> with, string path)
    {
        foreach (var spec in specs)
        {
            if (!with.TryGetValue(spec.Name, out var value))
            {
                _json.Error($"{path}.with.{spec.Name}", $"the parameter '{spec.Name}' is required: {spec.Description}");
            }
            else if (spec.Check(value) is { } problem)
            {
                _json.Error($"{path}.with.{spec.Name}", problem);
            }
        }

        foreach (var unknown in with.Keys.Where(k => specs.All(s => s.Name != k)))
        {
            _json.Error($"{path}.with.{unknown}", specs.Count == 0
                ? $"unknown parameter '{unknown}': this takes no parameters."
                : $"unknown parameter '{unknown}'; expected {string.Join(", ", specs.Select(s => s.Name))}.");
        }
    }

    /// <summary>Every state reachable from the initial one, and every non-final state with a way out.</summary>
    private void CheckShape(string initial, List<(StateDefinition State, string Path)> states, List<(TransitionDefinition Transition, string Path)> transitions)
    {
        var reached = new HashSet<string> { initial };
        var queue = new Queue<string>([initial]);
        while (queue.TryDequeue(out var state))
        {
            foreach (var next in transitions.Where(t => t.Transition.From == state).Select(t => t.Transition.To))
            {
                if (reached.Add(next))
                {
                    queue.Enqueue(next);
                }
            }
        }

        foreach (var (state, path) in states)
        {
            if (!reached.Contains(state.Name))
            {
                _json.Error(path, $"the state '{state.Name}' cannot be reached from the initial state '{initial}'.");
            }

            if (!state.Final && !transitions.Any(t => t.Transition.From == state.Name && !t.Transition.IsStay))
            {
                _json.Error(path, $"the state '{state.Name}' is not final and has no transition to another state: an audit there could never finish.");
            }
        }
    }
}

internal sealed record DefinitionRead(WorkflowDefinition? Definition, string? Name, int? Version)
{
    public static readonly DefinitionRead Nothing = new(null, null, null);
}
