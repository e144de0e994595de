namespace Audit.Api.Tests.Support;

/// <summary>The invented demo users the service seeds.</summary>
public static class DemoUsers
{
    public const string Psw = "ada.winslow";
    public const string Auditor = "ivan.quill";
    public const string OtherAuditor = "rhea.bramble";
    public const string YoungAssessor = "jay.assessor";
    public const string OtherYoungAssessor = "mo.assessor";
    public const string ServiceManager = "sam.rook";
}
