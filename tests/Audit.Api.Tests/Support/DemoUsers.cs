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

    /// <summary>A social worker who uses the service: the allocated worker of CF-100001 (and every seventh case file from it).</summary>
    public const string Practitioner = "alys.penrose";

    /// <summary>The allocated worker of CF-100007.</summary>
    public const string OtherPractitioner = "greer.tollan";
}
