using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Runtime;
using Receptionist.Grains.Analytics;
using Receptionist.Grains.CallFlow;
using Receptionist.Grains.Numbers;
using Receptionist.Grains.Observability;
using Receptionist.Grains.Storage;
using Receptionist.Grains.Tenancy;

namespace Receptionist.Grains.Calls;

/// <summary>
/// Decides one webhook at a time, but its webhooks share durable writes: a call's webhooks often arrive together
/// (SignalWire sends status, recording and IVR callbacks on separate connections), and each waiting for its own commit
/// after the previous one's would chain their latencies. The grain is reentrant only so that a webhook can be decided
/// while an earlier one's write is in flight; <see cref="WriteCoalescer"/> keeps decisions one at a time (a decision
/// that awaits the tenant or another grain is never interleaved with another) and starts the next write, carrying
/// every change made since, when the one in flight returns. A webhook is answered only once a write that carries its
/// change (or, for a duplicate, the change it repeats) committed. Reads do not wait for webhooks:
/// <see cref="ICallGrain.GetDetails"/> returns the last durable projection from memory.
/// </summary>
[Reentrant]
public sealed class CallGrain(
    [PersistentState(stateName: CallGrain.StateName, storageName: StorageNames.Default)] IPersistentState<CallState> state,
    ICallLog callLog,
    CommitCompanions companions,
    IEnumerable<ICallCommitCompanions> extensions,
    ActiveCallReads activeReads,
    TimeProvider clock,
    ReceptionistTelemetry telemetry,
    ILogger<CallGrain> logger)
    : Grain, ICallGrain
{
    private const string StateName = "call";

    /// <summary>The call as last made durable: what reads see and what a write's companions are derived against.</summary>
    private CallDetails? details;

    /// <summary>
    /// The call as decided so far, ahead of storage while a write is in flight. The persistent state holds the
    /// snapshot handed to the storage (see <see cref="CallState.Snapshot"/>), or this same object between writes.
    /// </summary>
    private CallState memory = new();

    /// <summary>Whether memory has events no durable write carried yet: the next write carries the call's log row.</summary>
    private bool eventsAhead;

    private WriteCoalescer? writes;

    private WriteCoalescer Writes => writes ??= new WriteCoalescer(WriteAsync);

    /// <summary>Whether this activation counts in the silo's live calls: exact per silo, since the grain lives on one.</summary>
    private bool countedLive;

    /// <summary>
    /// The version of this call's analytics contribution known durable during this activation. Not persisted on
    /// purpose: where companions are written after the state (not in its transaction), nobody knows after a
    /// reactivation whether the last contribution was written (the silo may have died in between, leaving the webhook
    /// unacknowledged), so the next duplicate sends it again; after that, duplicates send nothing.
    /// </summary>
    private int? contributed;

    /// <summary>
    /// Whether the call's report exists, for the live status read (in memory only: the report's grain tells this
    /// activation when it stores one; a new activation starts from unknown). Once present, it stays present.
    /// </summary>
    private CallReportPresence report;

    /// <summary>The live status read as of <see cref="details"/> and <see cref="report"/>; null while the call has none.</summary>
    private CallRead? read;

    /// <summary>
    /// The tenant's time zone and whether it texts back missed calls, as learnt with the call's setup (or, for a call
    /// that asks for none on this activation, from the tenant's settings the first time a contribution needs the zone).
    /// In memory only: the call's analytics count in the zone the call learnt first, and a call that came in while
    /// text-back was off is not texted back; a tenant's change applies to the calls that arrive after it.
    /// </summary>
    private (TimeZoneInfo Zone, bool TextsBack)? tenantFacts;

    private string CallSid => GrainKeys.IdOf(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        memory = state.State;
        if (memory.TenantId is { } tenantId)
        {
            details = Project(tenantId, memory);
            CountLive();
            if (!companions.JoinsStateWrites)
            {
                // The log row was written after the grain state; a silo that died between the two left it behind.
                // Re-deriving it on activation repairs that (the version guard makes it a no-op otherwise).
                await callLog.UpsertAsync(details.Summary, cancellationToken);

                // Same repair for analytics, in the background: it is a no-op in the tenant's ledger unless it was lost.
                RepairContributionAsync().Ignore();
            }

            Publish();
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        activeReads.Withdraw(CallSid, this);
        if (countedLive)
        {
            countedLive = false;
            telemetry.CountLiveCall(-1);
        }

        return Task.CompletedTask;
    }

    Task<CallDetails?> ICallGrain.GetDetails() => Task.FromResult(details);

    Task<CallRead?> ICallGrain.Read() => Task.FromResult(read);

    Task ICallGrain.ReportStored()
    {
        report = CallReportPresence.Present;
        Publish();
        return Task.CompletedTask;
    }

    Task ICallGrain.ReportAbsent()
    {
        if (report == CallReportPresence.Unknown)
        {
            report = CallReportPresence.None;
            Publish();
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Rebuilds what <see cref="ICallGrain.Read"/> answers after <see cref="details"/> or <see cref="report"/> changed, and
    /// publishes it to this silo's reads that do not call the grain: both answer the same object.
    /// </summary>
    private void Publish()
    {
        if (details is not null)
        {
            read = new CallRead(details, report);
            activeReads.Publish(CallSid, this, read);
        }
    }

    async Task<CallEventOutcome> ICallGrain.Apply(CallEvent callEvent, string? textStatusCallback)
    {
        var outcome = await DecideAsync(async () =>
        {
            var (outcome, change) = await AcceptAsync(callEvent);
            if (change == Change.None && outcome.Result is (CallEventResult.Duplicate or CallEventResult.Stale) && !companions.JoinsStateWrites)
            {
                await ContributeAsync();
            }

            return (outcome, change);
        });

        // Also on SignalWire's repeats of the terminal callback: a text-back lost with a silo is offered again, and the
        // caller's grain sends at most one per call.
        if (outcome.Result is (CallEventResult.Accepted or CallEventResult.Duplicate) && textStatusCallback is not null)
        {
            await TextBackAsync(textStatusCallback);
        }

        return outcome;
    }

    /// <summary>What a decision changed in memory, and so what the write that makes it durable carries.</summary>
    private enum Change
    {
        None,
        State,
        Events,
    }

    /// <summary>
    /// Runs <paramref name="decide"/> when no other decision is under way, then waits for the write that makes its
    /// change durable (shared with every decision made while the previous write was in flight). A decision that
    /// throws may have changed memory half-way: the next request's answer waits for a write of it.
    /// </summary>
    private async Task<T> DecideAsync<T>(Func<Task<(T Result, Change Change)>> decide)
    {
        var writer = Writes;
        await writer.EnterAsync();
        Task durable;
        T result;
        try
        {
            (result, var change) = await decide();
            eventsAhead |= change == Change.Events;
            durable = writer.Durable(change != Change.None);
        }
        catch
        {
            writer.MayBeAhead();
            eventsAhead = true;
            throw;
        }
        finally
        {
            writer.Exit();
        }

        await durable;
        return result;
    }

    /// <summary>
    /// Offers the missed-call text-back to an inbound caller who hung up unanswered or in the menu (not one the
    /// tenant's screening refused, nor one whose number is withheld); the caller's grain decides and sends.
    /// </summary>
    private async Task TextBackAsync(string statusCallback)
    {
        // Decided on the durable call alone: what other webhooks decided since is not committed yet.
        if (details?.Summary is not { Direction: "inbound", From: { } caller, To: { } number } call || !call.Status.IsTerminal()
            || WithheldNumbers.IsWithheld(caller) || details.Ivr?.Steps.Any(s => s.Kind == IvrStepKind.Rejected) == true
            || (CallContributions.Classify(call) != CallOutcome.Missed && details.Ivr?.Outcome != IvrOutcome.Abandoned)
            || tenantFacts is { TextsBack: false })
        {
            return;
        }

        await GrainFactory.GetGrain<IMissedCallTextGrain>(IMissedCallTextGrain.Key(call.TenantId, caller)).Offer(new MissedCall(CallSid, number, statusCallback));
    }

    Task<VoiceInstruction> ICallGrain.Answer(CallEvent voiceRequest) => DecideAsync<VoiceInstruction>(async () =>
    {
        var (outcome, change) = await AcceptAsync(voiceRequest);
        if (outcome.TenantId is not { } tenantId)
        {
            return (new HangUp { Style = VoiceStyle.Default, Say = IvrVoice.NotInService }, change);
        }

        var tenant = GrainFactory.GetGrain<ITenantGrain>(GrainKeys.Tenant(tenantId));
        var pinned = memory.IvrFlowVersion is null;
        var (setup, admission, why) = await SetupAndScreenAsync(tenant, voiceRequest.From);
        Learn(setup);
        memory.IvrFlowVersion ??= setup.FlowVersion;
        var now = clock.GetUtcNow();
        var flow = setup.Flow;
        var decision = admission != CallerAdmission.Allow ? IvrEngine.Screened(flow, admission, why, now)
            : flow.AiAgent is { AnswerAllCalls: true } agent ? IvrEngine.AnswerByAgent(agent, now)
            : IvrEngine.Enter(flow, setup.Hours?.IsOpen(now) ?? true, now);
        var next = IvrVoice.For(setup, tenantId, CallSid, decision.Next);

        if (AddSteps(decision.Steps) || pinned)
        {
            change = change == Change.None ? Change.State : change;
        }
        else if (change == Change.None && !companions.JoinsStateWrites)
        {
            await ContributeAsync();
        }

        return (next, change);
    });

    /// <summary>
    /// The call's flow, and whether the tenant admits the caller: asked once, when the call first enters (the flow
    /// version is pinned in the same write). A repeated voice request gets the verdict the call's steps recorded (only
    /// a refusal or a screening to voicemail records one, so the state grows by nothing for an admitted caller), even
    /// if the block list changed in between.
    /// </summary>
    private async Task<(CallSetup Setup, CallerAdmission Admission, string Why)> SetupAndScreenAsync(ITenantGrain tenant, string? from)
    {
        if (memory.IvrFlowVersion is { } version)
        {
            var recorded = memory.IvrSteps.Find(s => s.Kind is IvrStepKind.Rejected or IvrStepKind.ScreenedToVoicemail);
            var admission = recorded is null ? CallerAdmission.Allow
                : recorded.Kind == IvrStepKind.Rejected ? CallerAdmission.Reject : CallerAdmission.Voicemail;
            return (await tenant.GetCallSetup(version), admission, recorded?.Detail ?? "");
        }

        var (setup, verdict) = await tenant.EnterCall(from);
        var reason = verdict.Reason.ToString().ToLowerInvariant();
        return (setup, verdict.Admission, verdict.MatchedEntry is { } matched ? $"{reason}: {matched}" : reason);
    }

    Task<VoiceInstruction> ICallGrain.Advance(IvrPosition at, IvrInput input, string textStatusCallback) => DecideAsync<VoiceInstruction>(async () =>
    {
        if (memory.TenantId is not { } tenantId || memory.IvrFlowVersion is not { } version || details is null)
        {
            logger.LogWarning("IVR event for call {CallSid}, which never entered an IVR: ended", CallSid);
            return (new HangUp { Style = VoiceStyle.Default, Say = IvrEngine.Goodbye }, Change.None);
        }

        var setup = await GrainFactory.GetGrain<ITenantGrain>(GrainKeys.Tenant(tenantId)).GetCallSetup(version);
        Learn(setup);
        var flow = setup.Flow;
        var now = clock.GetUtcNow();
        var decision = IvrEngine.Next(flow, at, input, now);
        var (steps, next) = (decision.Steps, decision.Next);
        if (next is TextCaller text)
        {
            // One text per call and menu step, however often SignalWire repeats this webhook: the text's grain keeps the result.
            var summary = details.Summary;
            var result = await GrainFactory.GetGrain<ICallerTextGrain>(ICallerTextGrain.Key(CallSid, $"{text.Turn}-{text.Option}"))
                .Send(new CallerText(summary.From ?? "", summary.To ?? "", text.Action.Message ?? "", tenantId, textStatusCallback));
            var after = IvrEngine.AfterText(at, text, result.Sent, result.MessageSid ?? result.Detail, now);
            (steps, next) = ([.. steps, .. after.Steps], after.Next);
        }

        return (IvrVoice.For(flow, next), AddSteps(steps) ? Change.State : Change.None);
    });

    /// <summary>
    /// Takes <paramref name="callEvent"/> into memory unless it is a duplicate, stale or for a number nobody owns; the
    /// caller's <see cref="DecideAsync{T}"/> waits for the write that makes it durable.
    /// </summary>
    private async Task<(CallEventOutcome Outcome, Change Change)> AcceptAsync(CallEvent callEvent)
    {
        var events = memory.Events;
        if (events.Exists(e => e.DeduplicationKey == callEvent.DeduplicationKey))
        {
            return (new CallEventOutcome(CallEventResult.Duplicate, memory.TenantId), Change.None);
        }

        if (callEvent.Status is { } status && status.IsTerminal() && DecidedStatus() is { } current && current.IsTerminal() && current != status)
        {
            logger.LogWarning("Call {CallSid} is already {CallStatus}; ignoring a later {LateStatus}", CallSid, current.ToWire(), status.ToWire());
            return (new CallEventOutcome(CallEventResult.Stale, memory.TenantId), Change.None);
        }

        var tenantId = memory.TenantId;
        if (tenantId is null && callEvent.Kind != CallEventKind.Recording)
        {
            var (result, owner) = await ResolveTenantAsync(callEvent);
            if (owner is null)
            {
                return (new CallEventOutcome(result, null), Change.None);
            }

            tenantId = owner;
        }

        var index = events.BinarySearch(callEvent, CallEventOrder.Instance);
        events.Insert(index < 0 ? ~index : index, SharingStrings(callEvent));
        memory.TenantId = tenantId;
        if (tenantId is null)
        {
            // Recording callbacks name no numbers; SignalWire will not resend this one, so keep it for the call.
            logger.LogInformation("Recording callback for call {CallSid} arrived before the call's status; kept until it does", CallSid);
            return (new CallEventOutcome(CallEventResult.Pending, null), Change.Events);
        }

        return (new CallEventOutcome(CallEventResult.Accepted, tenantId), Change.Events);
    }

    /// <summary>The call's status as decided (durable or not): a terminal one is final, and later ones are stale.</summary>
    private CallStatus? DecidedStatus() =>
        memory.Events.Count == 0 ? null : CallProjection.Project(CallSid, memory.TenantId ?? "", memory.Events).Summary.Status;

    /// <summary>
    /// The one durable write that carries every decision made since the previous one: the grain state with its
    /// companions, the call's log row (when events changed), its analytics contribution (when it has a new one) and those
    /// of every <see cref="ICallCommitCompanions"/>, in one transaction where the storage joins them (else one after the
    /// other, all awaited), so an acknowledged webhook's rows and figures are durable too. Then the live feed.
    /// Everything up to its first await runs between two decisions: the state it writes is a consistent snapshot.
    /// </summary>
    private async Task WriteAsync()
    {
        var written = memory.Snapshot();
        var eventsChanged = eventsAhead;
        eventsAhead = false;
        state.State = written;
        try
        {
            if (written.TenantId is not { } tenantId)
            {
                await state.WriteStateAsync();
                return;
            }

            await CommitAsync(written, tenantId, eventsChanged);
            if (details?.Summary.Status.IsTerminal() == true)
            {
                // An ended call is done with its activation: what may still come (a recording, a repeated final status,
                // its report) is rare and reactivates it from storage, while keeping it for the default idle age held
                // its memory for nothing and had the GC copy it, young, into the old generation.
                DeactivateOnIdle();
            }
        }
        catch
        {
            // Memory may now be ahead of storage: start over from what is durable. Until then, the next write retries.
            eventsAhead |= eventsChanged;
            DeactivateOnIdle();
            throw;
        }
        finally
        {
            // Between writes the state and memory are one object again: no copy held per idle call.
            state.State = memory;
        }
    }

    private async Task CommitAsync(CallState written, string tenantId, bool eventsChanged)
    {
        var shown = details?.Summary.Status;
        var next = Project(tenantId, written);
        int? contributing = null;
        var rows = new List<ICommitCompanion>(2);
        if (eventsChanged)
        {
            rows.Add(new CallLogRow(callLog, next.Summary));
        }

        if (await ContributionRowAsync(tenantId, next, written) is { } contribution)
        {
            rows.Add(contribution);
            contributing = contribution.Contribution.Version;
        }

        List<(ICallCommitCompanions Extension, IReadOnlyList<ICommitCompanion> Rows)>? attached = null;
        foreach (var extension in extensions)
        {
            var theirs = await extension.ForAsync(details, next);
            if (theirs.Count > 0)
            {
                rows.AddRange(theirs);
                (attached ??= []).Add((extension, theirs));
            }
        }

        await companions.WriteStateAsync(state, this.GetGrainId(), StateName, rows);
        details = next;
        Publish();
        contributed = contributing ?? contributed;
        CountLive();
        foreach (var (extension, theirs) in attached ?? [])
        {
            extension.Committed(next, theirs);
        }

        // The live stream shows each status once: a second report of the same status (or a price after the end)
        // corrects the call's log and details, not the stream.
        if (eventsChanged && next.Summary.Status != shown)
        {
            GrainFactory.GetGrain<ICallFeedGrain>(GrainKeys.Tenant(tenantId)).Publish(next.Summary).Ignore();
        }
    }

    /// <summary>
    /// The call's analytics contribution as of <paramref name="next"/>, unless it has none yet (not ended) or this
    /// activation already made that version durable.
    /// </summary>
    private async Task<ContributionRow?> ContributionRowAsync(string tenantId, CallDetails next, CallState written)
    {
        if (CallContributions.Of(next.Summary, written.IvrSteps) is not { } contribution || contributed >= contribution.Version)
        {
            return null;
        }

        if (!companions.JoinsStateWrites)
        {
            return await ContributionRows.ForAsync(contribution, GrainFactory, joinsStateWrites: false);
        }

        if (tenantFacts is null)
        {
            var settings = await GrainFactory.GetGrain<ITenantGrain>(GrainKeys.Tenant(tenantId)).GetSettings();
            tenantFacts ??= (TenantDays.Zone(settings.TimeZone), settings.MissedCallTextBack.Enabled);
        }

        return ContributionRows.InZone(contribution, tenantFacts.Value.Zone, GrainFactory);
    }

    /// <summary>Keeps what the call needs later of its tenant's settings from the first setup it got (see <see cref="tenantFacts"/>).</summary>
    private void Learn(CallSetup setup) => tenantFacts ??= (TenantDays.Zone(setup.TimeZone), setup.TextsBackMissedCalls);

    /// <summary>Keeps the silo's live-call count in step with this call's durable status.</summary>
    private void CountLive()
    {
        var live = details?.Summary.Status is { } status && !status.IsTerminal();
        if (live != countedLive)
        {
            countedLive = live;
            telemetry.CountLiveCall(live ? 1 : -1);
        }
    }

    /// <summary>Adds the steps whose key is not recorded yet (in memory); whether any was.</summary>
    private bool AddSteps(IReadOnlyList<IvrStep> steps)
    {
        var recorded = memory.IvrSteps;
        var added = false;
        foreach (var step in steps)
        {
            if (!recorded.Exists(s => s.Key == step.Key))
            {
                recorded.Add(step);
                added = true;
            }
        }

        return added;
    }

    /// <summary>
    /// Sends the call's analytics contribution unless this activation already had the tenant confirm it: the repair of
    /// a contribution lost between a state write and its companions, where the storage does not join them.
    /// </summary>
    private async Task ContributeAsync()
    {
        if (details is null || CallContributions.Of(details.Summary, memory.IvrSteps) is not { } contribution || contributed >= contribution.Version)
        {
            return;
        }

        await GrainFactory.GetGrain<IAnalyticsCollectorGrain>(0).Contribute(contribution);
        contributed = Math.Max(contributed ?? 0, contribution.Version);
    }

    private async Task RepairContributionAsync()
    {
        try
        {
            await ContributeAsync();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not confirm the analytics contribution of call {CallSid}; the next webhook for it will retry", CallSid);
        }
    }

    Task<AgentFunctionResult> ICallGrain.RunAgentFunction(string tenantId, AgentFunctionCall call) => DecideAsync(async () =>
    {
        var ours = memory.TenantId == tenantId;
        var setup = await GrainFactory.GetGrain<ITenantGrain>(GrainKeys.Tenant(tenantId)).GetCallSetup(ours ? memory.IvrFlowVersion : null);
        if (ours)
        {
            Learn(setup);
        }

        var (result, step) = AgentFunctions.Run(setup, call, clock.GetUtcNow());

        // A step recorded after the call ended (its last webhook raced the hang-up) still reaches the analytics.
        return (result, ours && step is not null && AddSteps([step]) ? Change.State : Change.None);
    });

    /// <summary>The projection of the events, with the IVR journey alongside.</summary>
    private CallDetails Project(string tenantId, CallState of)
    {
        var projected = CallProjection.Project(CallSid, tenantId, of.Events);
        return projected with { Ivr = IvrOutcomes.Journey(of.IvrFlowVersion, of.IvrSteps, projected.Summary.Status) };
    }

    async Task<CallDetails> ICallGrain.RecordPlaced(string tenantId, CallEvent placed)
    {
        await DecideAsync(() =>
        {
            if (memory.TenantId is { } owner && owner != tenantId)
            {
                // Cannot happen while numbers have one owner: earlier events were attributed through the same From number.
                throw new InvalidOperationException($"Call {CallSid} belongs to another tenant than the one that placed it.");
            }

            var events = memory.Events;
            if (events.Exists(e => e.DeduplicationKey == placed.DeduplicationKey))
            {
                return Task.FromResult((true, Change.None));
            }

            var index = events.BinarySearch(placed, CallEventOrder.Instance);
            events.Insert(index < 0 ? ~index : index, SharingStrings(placed));
            memory.TenantId = tenantId;
            return Task.FromResult((true, Change.Events));
        });

        return details!;
    }

    Task ICallGrain.RecordControl(string tenantId, CallControl control) => DecideAsync(() =>
    {
        if (memory.TenantId != tenantId)
        {
            logger.LogWarning("Ignoring a control of call {CallSid} recorded for another tenant", CallSid);
            return Task.FromResult((false, Change.None));
        }

        memory.Controls.Add(control);
        return Task.FromResult((true, Change.State));
    });

    /// <summary>
    /// The event with the strings every event of a call repeats (its SID, account, numbers, direction) taken from the
    /// call's first event where equal: a call held in memory keeps one copy of each, not one per event.
    /// </summary>
    private CallEvent SharingStrings(CallEvent callEvent)
    {
        if (memory.Events is not [var first, ..])
        {
            return callEvent;
        }

        static string? Same(string? mine, string? theirs) => mine == theirs ? theirs : mine;
        return callEvent with
        {
            CallSid = Same(callEvent.CallSid, first.CallSid)!,
            AccountSid = Same(callEvent.AccountSid, first.AccountSid),
            From = Same(callEvent.From, first.From),
            To = Same(callEvent.To, first.To),
            Direction = Same(callEvent.Direction, first.Direction),
        };
    }

    /// <summary>The tenant owns the number SignalWire connected: the dialled one inbound, the caller ID outbound.</summary>
    private async Task<(CallEventResult Result, string? TenantId)> ResolveTenantAsync(CallEvent callEvent)
    {
        var number = callEvent.IsOutbound ? callEvent.From : callEvent.To;
        var owner = string.IsNullOrEmpty(number)
            ? null
            : await GrainFactory.GetGrain<IPhoneNumberGrain>(GrainKeys.PhoneNumber(number)).GetOwner();
        if (owner is null)
        {
            logger.LogWarning("Call {CallSid} uses {PhoneNumber}, which no tenant owns; ignored", CallSid, number);
            return (CallEventResult.UnknownNumber, null);
        }

        return (CallEventResult.Accepted, owner.TenantId);
    }
}
