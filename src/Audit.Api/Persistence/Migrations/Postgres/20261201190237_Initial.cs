using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Audit.Api.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AccessRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<long>(type: "bigint", nullable: false),
                    UserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    CaseFileId = table.Column<Guid>(type: "uuid", nullable: false),
                    AuditId = table.Column<Guid>(type: "uuid", nullable: true),
                    View = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccessRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ChangeRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<long>(type: "bigint", nullable: false),
                    UserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Entity = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    EntityKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Operation = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, collation: "C"),
                    Changes = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChangeRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Recipient = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false, collation: "C"),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    AuditId = table.Column<Guid>(type: "uuid", nullable: true),
                    RoundId = table.Column<Guid>(type: "uuid", nullable: true),
                    ActionId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReadAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PublishedWorkflows",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    ContentHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Json = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    PublishedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublishedWorkflows", x => new { x.Name, x.Version });
                });

            migrationBuilder.CreateTable(
                name: "Staff",
                columns: table => new
                {
                    UserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    DisplayName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Roles = table.Column<string[]>(type: "text[]", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Staff", x => x.UserName);
                });

            migrationBuilder.CreateTable(
                name: "Teams",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    ServiceArea = table.Column<int>(type: "integer", nullable: false),
                    TeamManager = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    ServiceManager = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Teams", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Templates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    LineageId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    RetiredAt = table.Column<long>(type: "bigint", nullable: true),
                    RetiredBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true, collation: "C"),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Graders = table.Column<int[]>(type: "integer[]", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    TargetAtLeast = table.Column<int>(type: "integer", nullable: false),
                    TargetPercent = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Templates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Outbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NotificationId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    SentAt = table.Column<long>(type: "bigint", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true, collation: "C"),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Outbox", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Outbox_Notifications_NotificationId",
                        column: x => x.NotificationId,
                        principalTable: "Notifications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseFiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false, collation: "C"),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceArea = table.Column<int>(type: "integer", nullable: false),
                    Stage = table.Column<int>(type: "integer", nullable: false),
                    AllocatedWorker = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    WorkerUserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true, collation: "C"),
                    ChildAgeBand = table.Column<int>(type: "integer", nullable: false),
                    RedactedExtract = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true, collation: "C"),
                    ExtractClearedBy = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    ExtractClearedAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseFiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseFiles_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Criteria",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TemplateId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false, collation: "C"),
                    Guidance = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false, collation: "C"),
                    PlainWords = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Criteria", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Criteria_Templates_TemplateId",
                        column: x => x.TemplateId,
                        principalTable: "Templates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RoundPlans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    TemplateId = table.Column<Guid>(type: "uuid", nullable: false),
                    Schedule = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    DueInDays = table.Column<int>(type: "integer", nullable: false),
                    SecondMarkingPercent = table.Column<int>(type: "integer", nullable: false),
                    SamplePerTeam = table.Column<int>(type: "integer", nullable: false),
                    SampleExcludeAuditedWithinMonths = table.Column<int>(type: "integer", nullable: false),
                    ServiceAreas = table.Column<int[]>(type: "integer[]", nullable: false),
                    Teams = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    Auditors = table.Column<string[]>(type: "text[]", nullable: false),
                    YoungAssessors = table.Column<string[]>(type: "text[]", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    LastOpenedFor = table.Column<long>(type: "bigint", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    ResumedAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoundPlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RoundPlans_Templates_TemplateId",
                        column: x => x.TemplateId,
                        principalTable: "Templates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Rounds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SamplePerTeam = table.Column<int>(type: "integer", nullable: true),
                    SampleExcludeAuditedWithinMonths = table.Column<int>(type: "integer", nullable: true),
                    SampleSeed = table.Column<int>(type: "integer", nullable: true),
                    SecondMarkingPercent = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    TemplateId = table.Column<Guid>(type: "uuid", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Rounds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Rounds_Templates_TemplateId",
                        column: x => x.TemplateId,
                        principalTable: "Templates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ParticipationEvidence",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseFileId = table.Column<Guid>(type: "uuid", nullable: false),
                    Month = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false, collation: "C"),
                    HasAccount = table.Column<bool>(type: "boolean", nullable: false),
                    Statements = table.Column<int>(type: "integer", nullable: false),
                    StatementsBeforeReview = table.Column<int>(type: "integer", nullable: false),
                    ContributedToReview = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ParticipationEvidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ParticipationEvidence_CaseFiles_CaseFileId",
                        column: x => x.CaseFileId,
                        principalTable: "CaseFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Audits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RoundId = table.Column<Guid>(type: "uuid", nullable: false),
                    TemplateId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseFileId = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceArea = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    CompletedAt = table.Column<long>(type: "bigint", nullable: true),
                    FinalisedAt = table.Column<long>(type: "bigint", nullable: true),
                    ActionsRaisedAt = table.Column<long>(type: "bigint", nullable: true),
                    FinalOverall = table.Column<int>(type: "integer", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    HistoryHead = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    HistoryLength = table.Column<int>(type: "integer", nullable: false),
                    WorkflowHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    WorkflowName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    WorkflowVersion = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Audits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Audits_CaseFiles_CaseFileId",
                        column: x => x.CaseFileId,
                        principalTable: "CaseFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Audits_Rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "Rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Audits_Templates_TemplateId",
                        column: x => x.TemplateId,
                        principalTable: "Templates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Actions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AuditId = table.Column<Guid>(type: "uuid", nullable: false),
                    CriterionId = table.Column<Guid>(type: "uuid", nullable: false),
                    FinalGrade = table.Column<int>(type: "integer", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    Assignee = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RaisedAt = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    WhatChanged = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true, collation: "C"),
                    ClosedAt = table.Column<long>(type: "bigint", nullable: true),
                    ClosedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true, collation: "C"),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    EscalationLevel = table.Column<int>(type: "integer", nullable: false),
                    EscalatedAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Actions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Actions_Audits_AuditId",
                        column: x => x.AuditId,
                        principalTable: "Audits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Actions_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AuditAssignments",
                columns: table => new
                {
                    UserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Role = table.Column<int>(type: "integer", nullable: false),
                    AuditId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditAssignments", x => new { x.AuditId, x.UserName, x.Role });
                    table.ForeignKey(
                        name: "FK_AuditAssignments_Audits_AuditId",
                        column: x => x.AuditId,
                        principalTable: "Audits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AuditHistory",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AuditId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<long>(type: "bigint", nullable: false),
                    By = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Trigger = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    FromState = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    ToState = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false, collation: "C"),
                    PreviousHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditHistory", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AuditHistory_Audits_AuditId",
                        column: x => x.AuditId,
                        principalTable: "Audits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AuditTimers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AuditId = table.Column<Guid>(type: "uuid", nullable: false),
                    State = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    DueAt = table.Column<long>(type: "bigint", nullable: false),
                    FiredAt = table.Column<long>(type: "bigint", nullable: true),
                    CancelledAt = table.Column<long>(type: "bigint", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditTimers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AuditTimers_Audits_AuditId",
                        column: x => x.AuditId,
                        principalTable: "Audits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Concern",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AuditId = table.Column<Guid>(type: "uuid", nullable: false),
                    RaisedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false, collation: "C"),
                    RaisedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Concern", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Concern_Audits_AuditId",
                        column: x => x.AuditId,
                        principalTable: "Audits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FinalGrades",
                columns: table => new
                {
                    AuditId = table.Column<Guid>(type: "uuid", nullable: false),
                    CriterionId = table.Column<Guid>(type: "uuid", nullable: false),
                    TemplateId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceArea = table.Column<int>(type: "integer", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    Grade = table.Column<int>(type: "integer", nullable: false),
                    Moderated = table.Column<bool>(type: "boolean", nullable: false),
                    FinalisedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FinalGrades", x => new { x.AuditId, x.CriterionId });
                    table.ForeignKey(
                        name: "FK_FinalGrades_Audits_AuditId",
                        column: x => x.AuditId,
                        principalTable: "Audits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GradingDrafts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AuditId = table.Column<Guid>(type: "uuid", nullable: false),
                    Grader = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Role = table.Column<int>(type: "integer", nullable: false),
                    Overall = table.Column<int>(type: "integer", nullable: true),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GradingDrafts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GradingDrafts_Audits_AuditId",
                        column: x => x.AuditId,
                        principalTable: "Audits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Gradings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AuditId = table.Column<Guid>(type: "uuid", nullable: false),
                    Grader = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Role = table.Column<int>(type: "integer", nullable: false),
                    Overall = table.Column<int>(type: "integer", nullable: false),
                    SubmittedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Gradings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Gradings_Audits_AuditId",
                        column: x => x.AuditId,
                        principalTable: "Audits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ModeratedGrades",
                columns: table => new
                {
                    AuditId = table.Column<Guid>(type: "uuid", nullable: false),
                    CriterionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Grade = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false, collation: "C"),
                    Moderator = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    ModeratedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModeratedGrades", x => new { x.AuditId, x.CriterionId });
                    table.ForeignKey(
                        name: "FK_ModeratedGrades_Audits_AuditId",
                        column: x => x.AuditId,
                        principalTable: "Audits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Reflections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AuditId = table.Column<Guid>(type: "uuid", nullable: false),
                    CriterionId = table.Column<Guid>(type: "uuid", nullable: false),
                    WrittenBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false, collation: "C"),
                    WrittenAt = table.Column<long>(type: "bigint", nullable: false),
                    RevisedAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Reflections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Reflections_Audits_AuditId",
                        column: x => x.AuditId,
                        principalTable: "Audits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Reflections_Criteria_CriterionId",
                        column: x => x.CriterionId,
                        principalTable: "Criteria",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReauditRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseFileId = table.Column<Guid>(type: "uuid", nullable: false),
                    AuditId = table.Column<Guid>(type: "uuid", nullable: false),
                    ActionId = table.Column<Guid>(type: "uuid", nullable: false),
                    AfterWeeks = table.Column<int>(type: "integer", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    RequestedAt = table.Column<long>(type: "bigint", nullable: false),
                    FulfilledByAuditId = table.Column<Guid>(type: "uuid", nullable: true),
                    FulfilledInRoundId = table.Column<Guid>(type: "uuid", nullable: true),
                    FulfilledAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReauditRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReauditRequests_Actions_ActionId",
                        column: x => x.ActionId,
                        principalTable: "Actions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReauditRequests_Audits_AuditId",
                        column: x => x.AuditId,
                        principalTable: "Audits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReauditRequests_CaseFiles_CaseFileId",
                        column: x => x.CaseFileId,
                        principalTable: "CaseFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GradingDraftGrades",
                columns: table => new
                {
                    DraftId = table.Column<Guid>(type: "uuid", nullable: false),
                    CriterionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Grade = table.Column<int>(type: "integer", nullable: true),
                    Evidence = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GradingDraftGrades", x => new { x.DraftId, x.CriterionId });
                    table.ForeignKey(
                        name: "FK_GradingDraftGrades_GradingDrafts_DraftId",
                        column: x => x.DraftId,
                        principalTable: "GradingDrafts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CriterionGrades",
                columns: table => new
                {
                    GradingId = table.Column<Guid>(type: "uuid", nullable: false),
                    CriterionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Grade = table.Column<int>(type: "integer", nullable: false),
                    Evidence = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CriterionGrades", x => new { x.GradingId, x.CriterionId });
                    table.ForeignKey(
                        name: "FK_CriterionGrades_Gradings_GradingId",
                        column: x => x.GradingId,
                        principalTable: "Gradings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccessRecords_CaseFileId_At",
                table: "AccessRecords",
                columns: new[] { "CaseFileId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Actions_AuditId_CriterionId",
                table: "Actions",
                columns: new[] { "AuditId", "CriterionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Actions_TeamId_Status_DueOn",
                table: "Actions",
                columns: new[] { "TeamId", "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditAssignments_UserName",
                table: "AuditAssignments",
                column: "UserName");

            migrationBuilder.CreateIndex(
                name: "IX_AuditHistory_AuditId_Sequence",
                table: "AuditHistory",
                columns: new[] { "AuditId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditTimers_AuditId",
                table: "AuditTimers",
                column: "AuditId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditTimers_FiredAt_CancelledAt_DueAt",
                table: "AuditTimers",
                columns: new[] { "FiredAt", "CancelledAt", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Audits_CaseFileId",
                table: "Audits",
                column: "CaseFileId");

            migrationBuilder.CreateIndex(
                name: "IX_Audits_RoundId",
                table: "Audits",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_Audits_TeamId",
                table: "Audits",
                column: "TeamId");

            migrationBuilder.CreateIndex(
                name: "IX_Audits_TemplateId_FinalOverall",
                table: "Audits",
                columns: new[] { "TemplateId", "FinalOverall" });

            migrationBuilder.CreateIndex(
                name: "IX_Audits_TemplateId_FinalisedAt_ServiceArea_TeamId_FinalOvera~",
                table: "Audits",
                columns: new[] { "TemplateId", "FinalisedAt", "ServiceArea", "TeamId", "FinalOverall" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseFiles_Reference",
                table: "CaseFiles",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseFiles_TeamId_Reference",
                table: "CaseFiles",
                columns: new[] { "TeamId", "Reference" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseFiles_WorkerUserName",
                table: "CaseFiles",
                column: "WorkerUserName");

            migrationBuilder.CreateIndex(
                name: "IX_ChangeRecords_Entity_EntityKey",
                table: "ChangeRecords",
                columns: new[] { "Entity", "EntityKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Concern_AuditId",
                table: "Concern",
                column: "AuditId");

            migrationBuilder.CreateIndex(
                name: "IX_Criteria_TemplateId_Position",
                table: "Criteria",
                columns: new[] { "TemplateId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FinalGrades_TeamId_FinalisedAt",
                table: "FinalGrades",
                columns: new[] { "TeamId", "FinalisedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FinalGrades_TemplateId_CriterionId_ServiceArea_Grade",
                table: "FinalGrades",
                columns: new[] { "TemplateId", "CriterionId", "ServiceArea", "Grade" });

            migrationBuilder.CreateIndex(
                name: "IX_FinalGrades_TemplateId_FinalisedAt_ServiceArea_TeamId_Crite~",
                table: "FinalGrades",
                columns: new[] { "TemplateId", "FinalisedAt", "ServiceArea", "TeamId", "CriterionId", "Grade" });

            migrationBuilder.CreateIndex(
                name: "IX_GradingDrafts_AuditId_Grader_Role",
                table: "GradingDrafts",
                columns: new[] { "AuditId", "Grader", "Role" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Gradings_AuditId_Grader_Role",
                table: "Gradings",
                columns: new[] { "AuditId", "Grader", "Role" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_Recipient_ReadAt_CreatedAt",
                table: "Notifications",
                columns: new[] { "Recipient", "ReadAt", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_NotificationId",
                table: "Outbox",
                column: "NotificationId");

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_SentAt_Id",
                table: "Outbox",
                columns: new[] { "SentAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ParticipationEvidence_CaseFileId_Month",
                table: "ParticipationEvidence",
                columns: new[] { "CaseFileId", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ParticipationEvidence_Month",
                table: "ParticipationEvidence",
                column: "Month");

            migrationBuilder.CreateIndex(
                name: "IX_ReauditRequests_ActionId",
                table: "ReauditRequests",
                column: "ActionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReauditRequests_AuditId",
                table: "ReauditRequests",
                column: "AuditId");

            migrationBuilder.CreateIndex(
                name: "IX_ReauditRequests_CaseFileId",
                table: "ReauditRequests",
                column: "CaseFileId");

            migrationBuilder.CreateIndex(
                name: "IX_ReauditRequests_FulfilledByAuditId_DueOn",
                table: "ReauditRequests",
                columns: new[] { "FulfilledByAuditId", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Reflections_AuditId_CriterionId",
                table: "Reflections",
                columns: new[] { "AuditId", "CriterionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Reflections_CriterionId",
                table: "Reflections",
                column: "CriterionId");

            migrationBuilder.CreateIndex(
                name: "IX_RoundPlans_TemplateId",
                table: "RoundPlans",
                column: "TemplateId");

            migrationBuilder.CreateIndex(
                name: "IX_Rounds_TemplateId",
                table: "Rounds",
                column: "TemplateId");

            migrationBuilder.CreateIndex(
                name: "IX_Teams_Name",
                table: "Teams",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Teams_ServiceManager",
                table: "Teams",
                column: "ServiceManager");

            migrationBuilder.CreateIndex(
                name: "IX_Teams_TeamManager",
                table: "Teams",
                column: "TeamManager");

            migrationBuilder.CreateIndex(
                name: "IX_Templates_LineageId_Version",
                table: "Templates",
                columns: new[] { "LineageId", "Version" },
                unique: true);

            // The records the database itself keeps from being changed or deleted (AppendOnlyTables).
            migrationBuilder.MakeAppendOnly("AuditHistory");
            migrationBuilder.MakeAppendOnly("ChangeRecords");
            migrationBuilder.MakeAppendOnly("AccessRecords");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropAppendOnly("AuditHistory");
            migrationBuilder.DropAppendOnly("ChangeRecords");
            migrationBuilder.DropAppendOnly("AccessRecords");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS refuse_change_to_append_only_table();");

            migrationBuilder.DropTable(
                name: "AccessRecords");

            migrationBuilder.DropTable(
                name: "AuditAssignments");

            migrationBuilder.DropTable(
                name: "AuditHistory");

            migrationBuilder.DropTable(
                name: "AuditTimers");

            migrationBuilder.DropTable(
                name: "ChangeRecords");

            migrationBuilder.DropTable(
                name: "Concern");

            migrationBuilder.DropTable(
                name: "CriterionGrades");

            migrationBuilder.DropTable(
                name: "FinalGrades");

            migrationBuilder.DropTable(
                name: "GradingDraftGrades");

            migrationBuilder.DropTable(
                name: "ModeratedGrades");

            migrationBuilder.DropTable(
                name: "Outbox");

            migrationBuilder.DropTable(
                name: "ParticipationEvidence");

            migrationBuilder.DropTable(
                name: "PublishedWorkflows");

            migrationBuilder.DropTable(
                name: "ReauditRequests");

            migrationBuilder.DropTable(
                name: "Reflections");

            migrationBuilder.DropTable(
                name: "RoundPlans");

            migrationBuilder.DropTable(
                name: "Staff");

            migrationBuilder.DropTable(
                name: "Gradings");

            migrationBuilder.DropTable(
                name: "GradingDrafts");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "Actions");

            migrationBuilder.DropTable(
                name: "Criteria");

            migrationBuilder.DropTable(
                name: "Audits");

            migrationBuilder.DropTable(
                name: "CaseFiles");

            migrationBuilder.DropTable(
                name: "Rounds");

            migrationBuilder.DropTable(
                name: "Teams");

            migrationBuilder.DropTable(
                name: "Templates");
        }
    }
}
