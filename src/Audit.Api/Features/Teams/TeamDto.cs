using Audit.Domain.Teams;

namespace Audit.Api.Features.Teams;

public sealed record TeamDto(Guid Id, string Name, ServiceArea ServiceArea, string TeamManager, string ServiceManager);
