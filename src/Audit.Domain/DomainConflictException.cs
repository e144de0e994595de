namespace Audit.Domain;

/// <summary>A change refused because it was already made, or because the record has moved on since the caller looked.</summary>
public class DomainConflictException(string message) : Exception(message);
