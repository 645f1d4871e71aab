using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModularAnalytics.BuildingBlocks.Infrastructure.Migrations;
using Npgsql;

namespace ModularAnalytics.BuildingBlocks.Infrastructure.Scheduling;

/// <summary>
/// Creates the `scheduling` schema and the tables of Quartz's clustered PostgreSQL job store, idempotently, before
/// Quartz starts (Quartz itself only validates them). Lower-case names, as Quartz's PostgreSQL delegate expects.
/// </summary>
internal sealed class QuartzPostgresSchema(SchedulingOptions settings, ILogger<QuartzPostgresSchema> logger) : IMigrationStep
{
    // Serialises nodes migrating at once: CREATE ... IF NOT EXISTS alone can still collide in the catalog.
    private const long AdvisoryLock = 0x5143_5254_5A53_4348; // "QCRTZSCH"

    public string Name => "Quartz scheduling schema";

    public int Order => 100;

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (!settings.Enabled || settings.Store != SchedulingStore.Postgres)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(settings.PostgresConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            command.Parameters.AddWithValue("key", AdvisoryLock);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var command = new NpgsqlCommand(Ddl, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Quartz tables present in schema {Schema}", SchedulingOptions.Schema);
    }

    /// <summary>
    /// Keys: every table is keyed by scheduler name first, so several clusters (InstanceName) can share the tables.
    /// Times are .NET ticks (bigint), flags bool, job data bytea. Trigger detail tables cascade with their trigger.
    /// </summary>
    internal const string Ddl = """
        CREATE SCHEMA IF NOT EXISTS scheduling;

        CREATE TABLE IF NOT EXISTS scheduling.qrtz_job_details (
            sched_name        text  NOT NULL,
            job_name          text  NOT NULL,
            job_group         text  NOT NULL,
            description       text  NULL,
            job_class_name    text  NOT NULL,
            is_durable        bool  NOT NULL,
            is_nonconcurrent  bool  NOT NULL,
            is_update_data    bool  NOT NULL,
            requests_recovery bool  NOT NULL,
            job_data          bytea NULL,
            CONSTRAINT pk_qrtz_job_details PRIMARY KEY (sched_name, job_name, job_group)
        );

        CREATE TABLE IF NOT EXISTS scheduling.qrtz_triggers (
            sched_name              text         NOT NULL,
            trigger_name            text         NOT NULL,
            trigger_group           text         NOT NULL,
            job_name                text         NOT NULL,
            job_group               text         NOT NULL,
            description             text         NULL,
            next_fire_time          bigint       NULL,
            prev_fire_time          bigint       NULL,
            priority                integer      NULL,
            trigger_state           text         NOT NULL,
            trigger_type            text         NOT NULL,
            start_time              bigint       NOT NULL,
            end_time                bigint       NULL,
            calendar_name           text         NULL,
            misfire_instr           smallint     NULL,
            misfire_orig_fire_time  bigint       NULL,
            execution_group         varchar(200) NULL,
            preferred_node          varchar(200) NULL,
            preferred_node_auto     bool         NOT NULL DEFAULT false,
            retry_policy            varchar(250) NULL,
            retry_attempt           integer      NULL,
            continues_trigger_name  text         NULL,
            continues_trigger_group text         NULL,
            continuation_condition  integer      NULL,
            overlap_policy          integer      NULL,
            pause_reason            varchar(250) NULL,
            paused_by               varchar(200) NULL,
            paused_at               bigint       NULL,
            misfire_threshold       bigint       NULL,
            fixed_delay             bool         NULL,
            job_data                bytea        NULL,
            CONSTRAINT pk_qrtz_triggers PRIMARY KEY (sched_name, trigger_name, trigger_group),
            CONSTRAINT fk_qrtz_triggers_job FOREIGN KEY (sched_name, job_name, job_group)
                REFERENCES scheduling.qrtz_job_details (sched_name, job_name, job_group)
        );

        CREATE TABLE IF NOT EXISTS scheduling.qrtz_simple_triggers (
            sched_name      text   NOT NULL,
            trigger_name    text   NOT NULL,
            trigger_group   text   NOT NULL,
            repeat_count    bigint NOT NULL,
            repeat_interval bigint NOT NULL,
            times_triggered bigint NOT NULL,
            CONSTRAINT pk_qrtz_simple_triggers PRIMARY KEY (sched_name, trigger_name, trigger_group),
            CONSTRAINT fk_qrtz_simple_triggers FOREIGN KEY (sched_name, trigger_name, trigger_group)
                REFERENCES scheduling.qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
        );

        CREATE TABLE IF NOT EXISTS scheduling.qrtz_cron_triggers (
            sched_name      text NOT NULL,
            trigger_name    text NOT NULL,
            trigger_group   text NOT NULL,
            cron_expression text NOT NULL,
            time_zone_id    text NULL,
            CONSTRAINT pk_qrtz_cron_triggers PRIMARY KEY (sched_name, trigger_name, trigger_group),
            CONSTRAINT fk_qrtz_cron_triggers FOREIGN KEY (sched_name, trigger_name, trigger_group)
                REFERENCES scheduling.qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
        );

        -- Calendar-interval and daily-time-interval triggers keep their settings in these generic columns.
        CREATE TABLE IF NOT EXISTS scheduling.qrtz_simprop_triggers (
            sched_name    text    NOT NULL,
            trigger_name  text    NOT NULL,
            trigger_group text    NOT NULL,
            str_prop_1    text    NULL,
            str_prop_2    text    NULL,
            str_prop_3    text    NULL,
            int_prop_1    integer NULL,
            int_prop_2    integer NULL,
            long_prop_1   bigint  NULL,
            long_prop_2   bigint  NULL,
            dec_prop_1    numeric NULL,
            dec_prop_2    numeric NULL,
            bool_prop_1   bool    NULL,
            bool_prop_2   bool    NULL,
            time_zone_id  text    NULL,
            CONSTRAINT pk_qrtz_simprop_triggers PRIMARY KEY (sched_name, trigger_name, trigger_group),
            CONSTRAINT fk_qrtz_simprop_triggers FOREIGN KEY (sched_name, trigger_name, trigger_group)
                REFERENCES scheduling.qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
        );

        CREATE TABLE IF NOT EXISTS scheduling.qrtz_blob_triggers (
            sched_name    text  NOT NULL,
            trigger_name  text  NOT NULL,
            trigger_group text  NOT NULL,
            blob_data     bytea NULL,
            CONSTRAINT pk_qrtz_blob_triggers PRIMARY KEY (sched_name, trigger_name, trigger_group),
            CONSTRAINT fk_qrtz_blob_triggers FOREIGN KEY (sched_name, trigger_name, trigger_group)
                REFERENCES scheduling.qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
        );

        CREATE TABLE IF NOT EXISTS scheduling.qrtz_calendars (
            sched_name    text  NOT NULL,
            calendar_name text  NOT NULL,
            calendar      bytea NOT NULL,
            CONSTRAINT pk_qrtz_calendars PRIMARY KEY (sched_name, calendar_name)
        );

        CREATE TABLE IF NOT EXISTS scheduling.qrtz_paused_trigger_grps (
            sched_name    text         NOT NULL,
            trigger_group text         NOT NULL,
            pause_reason  varchar(250) NULL,
            paused_by     varchar(200) NULL,
            paused_at     bigint       NULL,
            CONSTRAINT pk_qrtz_paused_trigger_grps PRIMARY KEY (sched_name, trigger_group)
        );

        CREATE TABLE IF NOT EXISTS scheduling.qrtz_paused_job_grps (
            sched_name   text         NOT NULL,
            job_group    text         NOT NULL,
            pause_reason varchar(250) NULL,
            paused_by    varchar(200) NULL,
            paused_at    bigint       NULL,
            CONSTRAINT pk_qrtz_paused_job_grps PRIMARY KEY (sched_name, job_group)
        );

        -- One row per firing in progress on some node; what cluster recovery reads when a node dies.
        CREATE TABLE IF NOT EXISTS scheduling.qrtz_fired_triggers (
            sched_name               text         NOT NULL,
            entry_id                 text         NOT NULL,
            trigger_name             text         NOT NULL,
            trigger_group            text         NOT NULL,
            instance_name            text         NOT NULL,
            fired_time               bigint       NOT NULL,
            sched_time               bigint       NOT NULL,
            priority                 integer      NOT NULL,
            state                    text         NOT NULL,
            job_name                 text         NULL,
            job_group                text         NULL,
            is_nonconcurrent         bool         NOT NULL,
            requests_recovery        bool         NULL,
            execution_group          varchar(200) NULL,
            progress                 integer      NULL,
            progress_message         varchar(250) NULL,
            interrupt_requested_time bigint       NULL,
            CONSTRAINT pk_qrtz_fired_triggers PRIMARY KEY (sched_name, entry_id)
        );

        -- Cluster membership: each node checks in here.
        CREATE TABLE IF NOT EXISTS scheduling.qrtz_scheduler_state (
            sched_name        text        NOT NULL,
            instance_name     text        NOT NULL,
            last_checkin_time bigint      NOT NULL,
            checkin_interval  bigint      NOT NULL,
            quartz_version    varchar(20) NULL,
            CONSTRAINT pk_qrtz_scheduler_state PRIMARY KEY (sched_name, instance_name)
        );

        -- Row locks (TRIGGER_ACCESS, STATE_ACCESS) that serialise the nodes of a cluster.
        CREATE TABLE IF NOT EXISTS scheduling.qrtz_locks (
            sched_name text NOT NULL,
            lock_name  text NOT NULL,
            CONSTRAINT pk_qrtz_locks PRIMARY KEY (sched_name, lock_name)
        );

        -- Quartz 4 keeps outcomes of runs and misfires; the store validates these tables at start-up too.
        CREATE TABLE IF NOT EXISTS scheduling.qrtz_execution_history (
            sched_name          text    NOT NULL,
            entry_id            text    NOT NULL,
            instance_name       text    NOT NULL,
            job_name            text    NOT NULL,
            job_group           text    NOT NULL,
            trigger_name        text    NOT NULL,
            trigger_group       text    NOT NULL,
            fired_time          bigint  NOT NULL,
            run_time            bigint  NOT NULL,
            succeeded           bool    NOT NULL,
            error_message       text    NULL,
            retry_attempt       integer NOT NULL DEFAULT 0,
            retry_scheduled     bool    NOT NULL DEFAULT false,
            execution_log       text    NULL,
            result              integer NULL,
            summary             text    NULL,
            metrics             text    NULL,
            manual              bool    NULL,
            fire_instance_id    text    NULL,
            job_input           text    NULL,
            job_input_too_large bool    NULL,
            CONSTRAINT pk_qrtz_execution_history PRIMARY KEY (sched_name, entry_id)
        );

        CREATE TABLE IF NOT EXISTS scheduling.qrtz_misfire_history (
            sched_name    text    NOT NULL,
            entry_id      text    NOT NULL,
            instance_name text    NOT NULL,
            trigger_name  text    NOT NULL,
            trigger_group text    NOT NULL,
            job_name      text    NULL,
            job_group     text    NULL,
            misfire_time  bigint  NOT NULL,
            sched_time    bigint  NULL,
            reason        integer NULL,
            CONSTRAINT pk_qrtz_misfire_history PRIMARY KEY (sched_name, entry_id)
        );

        CREATE TABLE IF NOT EXISTS scheduling.qrtz_job_status (
            sched_name           text    NOT NULL,
            job_group            text    NOT NULL,
            job_name             text    NOT NULL,
            first_fired_time     bigint  NOT NULL,
            last_fired_time      bigint  NOT NULL,
            last_result          integer NOT NULL,
            last_run_time        bigint  NOT NULL,
            last_instance_name   text    NOT NULL,
            last_entry_id        text    NULL,
            last_summary         text    NULL,
            last_success_time    bigint  NULL,
            last_failure_time    bigint  NULL,
            last_failure_message text    NULL,
            consecutive_failures integer NOT NULL DEFAULT 0,
            run_count            bigint  NOT NULL DEFAULT 0,
            failure_count        bigint  NOT NULL DEFAULT 0,
            CONSTRAINT pk_qrtz_job_status PRIMARY KEY (sched_name, job_group, job_name)
        );

        -- What the acquisition, misfire and recovery queries filter on.
        CREATE INDEX IF NOT EXISTS idx_qrtz_j_g_n ON scheduling.qrtz_job_details (sched_name, job_group, job_name);
        CREATE INDEX IF NOT EXISTS idx_qrtz_t_j ON scheduling.qrtz_triggers (sched_name, job_name, job_group);
        CREATE INDEX IF NOT EXISTS idx_qrtz_t_g_n ON scheduling.qrtz_triggers (sched_name, trigger_group, trigger_name);
        CREATE INDEX IF NOT EXISTS idx_qrtz_t_c ON scheduling.qrtz_triggers (sched_name, calendar_name);
        CREATE INDEX IF NOT EXISTS idx_qrtz_t_nft_st ON scheduling.qrtz_triggers (sched_name, trigger_state, next_fire_time, priority DESC, misfire_instr);
        CREATE INDEX IF NOT EXISTS idx_qrtz_ft_inst_job_req_rcvry ON scheduling.qrtz_fired_triggers (sched_name, instance_name, requests_recovery);
        CREATE INDEX IF NOT EXISTS idx_qrtz_ft_j_g ON scheduling.qrtz_fired_triggers (sched_name, job_name, job_group);
        CREATE INDEX IF NOT EXISTS idx_qrtz_ft_t_g ON scheduling.qrtz_fired_triggers (sched_name, trigger_name, trigger_group);
        CREATE INDEX IF NOT EXISTS idx_qrtz_eh_fired_time ON scheduling.qrtz_execution_history (sched_name, fired_time);
        CREATE INDEX IF NOT EXISTS idx_qrtz_eh_inst ON scheduling.qrtz_execution_history (sched_name, instance_name);
        CREATE INDEX IF NOT EXISTS idx_qrtz_eh_job_time ON scheduling.qrtz_execution_history (sched_name, job_group, job_name, fired_time);
        CREATE INDEX IF NOT EXISTS idx_qrtz_eh_trig_time ON scheduling.qrtz_execution_history (sched_name, trigger_group, trigger_name, fired_time);
        CREATE INDEX IF NOT EXISTS idx_qrtz_eh_fire_inst ON scheduling.qrtz_execution_history (sched_name, fire_instance_id);
        CREATE INDEX IF NOT EXISTS idx_qrtz_mh_misfire_time ON scheduling.qrtz_misfire_history (sched_name, misfire_time);
        CREATE INDEX IF NOT EXISTS idx_qrtz_mh_inst ON scheduling.qrtz_misfire_history (sched_name, instance_name);
        """;
}
