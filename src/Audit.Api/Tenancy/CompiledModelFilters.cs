using System.Runtime.CompilerServices;
using Audit.Api.Tenancy;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Audit.Api.Persistence.CompiledModel;

/// <summary>
/// `dotnet ef dbcontext optimize` cannot write query filters into a compiled model, so the council filter
/// (<see cref="CouncilModel"/>) is added here, to each council-owned entity type, as the model loads: the same expression
/// the configuration builds, as EF's own conversion of a configured model would store it.
/// </summary>
public partial class AuditDbContextModel
{
    partial void Customize()
    {
        // The filter names a context only for its type: EF puts the context running each query in its place.
        var anyContext = (AuditDbContext)RuntimeHelpers.GetUninitializedObject(typeof(AuditDbContext));
#pragma warning disable EF1001 // EF's runtime model keeps query filters in this annotation; there is no public way to add one.
        foreach (var type in ((IModel)this).GetEntityTypes().OfType<RuntimeEntityType>().Where(CouncilModel.IsCouncilOwned))
        {
            type.AddAnnotation(
                Microsoft.EntityFrameworkCore.Metadata.Internal.CoreAnnotationNames.QueryFilter,
                new Microsoft.EntityFrameworkCore.Metadata.Internal.QueryFilterCollection(
                    [new Microsoft.EntityFrameworkCore.Metadata.Internal.RuntimeQueryFilter(CouncilModel.FilterName, CouncilModel.Filter(type.ClrType, anyContext))]));
        }
#pragma warning restore EF1001
    }
}
