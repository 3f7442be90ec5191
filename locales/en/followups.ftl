# The follow-up: rounds, the owners' form, review, decisions, "My follow-ups" and the stories.

followups-eyebrow = Follow-up
followups-breadcrumbs = Breadcrumbs
followups-kind-initiative = Initiative
followups-kind-sub-goal = Sub-goal
followups-owner-none = none

## Review states as the follow-up pages show them

## The form
followups-form-title = Follow-up – { $subject }
followups-form-eyebrow = Follow-up { $round } · due { $deadline }
followups-form-under-goal = Under the goal: { $goal }
followups-form-owner = Owner: { $name }
followups-form-owner-none = Owner: none
followups-form-filled-in-for-owner = filled in by the secretariat on the owner's behalf
followups-form-about-initiative = The initiative
followups-form-about-sub-goal = The sub-goal
followups-form-indicator = Indicator
followups-form-baseline = Baseline
followups-form-target = Target
followups-form-deadline = Deadline
followups-form-hypothesis = Hypothesis
followups-form-success-criterion = Success criterion
followups-form-previous = Previous round
followups-form-previous-measured = measured { $value }
followups-form-previous-none = No earlier follow-up.
followups-form-conversation = Conversation
followups-form-yours = Your follow-up
followups-form-theirs = Follow-up
followups-form-error-summary = The follow-up was not saved. Correct the fields marked below – what you wrote has been kept.
followups-form-status = Status
followups-form-value = Measured value
followups-form-value-no-unit-hint = The sub-goal has no unit of measurement; leave this field empty.
followups-form-narrative = What has been done?
followups-form-next-steps = Next steps
followups-form-learned = What have we learned?
followups-form-proposal = Proposal to the steering group
followups-form-proposal-none = (no proposal)
followups-form-story = The good story (optional)
followups-form-story-hint = A concrete experience that shows the difference for residents or colleagues.
followups-form-story-shareable = The story may be used in communications
followups-form-save-draft = Save draft
followups-form-submit = Submit

## Locked forms
followups-locked-round-closed = The round is closed. The follow-up can be read but not changed.
followups-locked-not-owner = Only the owner and the secretariat can write in this follow-up.
followups-locked-submitted = The follow-up has been submitted and is awaiting the secretariat's review.
followups-locked-approved = The follow-up has been approved.
followups-nothing-changed = { $reason } What you sent now has not been saved. The page shows what is saved.

## Notices after a save
followups-notice-restored = What you wrote before your session expired has been put back. It is not saved yet – press Save draft or Submit.
followups-notice-draft = The draft has been saved.
followups-notice-submitted = The follow-up has been submitted. Thank you! The secretariat will review it.
followups-notice-approved = The follow-up has been approved.
followups-notice-returned = The follow-up has been returned with your comment.
followups-notice-decided = The decision has been recorded on the initiative.

## The conversation on a follow-up
followups-comment-on-behalf = Filled in by the secretariat on behalf of the owner

## Validation of the form
followups-error-status-required = Choose a status before you submit.
followups-error-status-unknown = Choose a status from the list.
followups-error-value-no-unit = The sub-goal has no unit of measurement, so no measured value should be given.
followups-error-value-not-number = Enter a number in the unit "{ $unit }", e.g. 12.5.
followups-error-value-percent = A percentage must be between 0 and 100.
followups-error-value-too-large = The number is too large.
followups-error-too-long = { $label } may be at most { $max } characters (it is { $length } now).
followups-error-proposal-initiative-only = Proposals only belong to initiatives.
followups-error-proposal-unknown = Choose a proposal from the list.
followups-error-learned-initiative-only = "What have we learned" only belongs to initiatives.
followups-error-story-required = Write the story if it may be used in communications.
followups-field-narrative = What has been done
followups-field-next-steps = Next steps
followups-field-learned = What have we learned
followups-field-story = The good story

## Someone else saved first
followups-conflict-title = The follow-up was changed by someone else
followups-conflict-eyebrow = Not saved
followups-conflict-intro-before = While you were writing, the follow-up on
followups-conflict-open-saved = Open the saved version
followups-conflict-yours = Your version (not saved)
followups-conflict-saved = The saved version

## The steering group's decisions
followups-decisions-heading = The steering group's decisions
followups-decisions-none = No decisions yet.
followups-decisions-proposed = The owner proposes:
followups-decisions-kind = Decision
followups-decisions-reason = Reason
followups-decisions-record = Record decision
followups-decisions-error-kind = Choose continue, adjust, stop or scale.
followups-decisions-error-reason-required = Give the reason for the decision.
followups-decisions-error-reason-too-long = The reason may be at most 5000 characters.

## The secretariat's review
followups-review-heading = Review
followups-review-comment = Comment to the owner (required when returning)
followups-review-approve = Approve
followups-review-return = Return
followups-review-error-round-closed = The round is closed. Nothing has been changed.
followups-review-error-not-submitted = The follow-up is not (or no longer) submitted. Nothing has been changed.
followups-review-error-comment-required = Write a comment so the owner knows what to correct.
followups-review-error-comment-too-long = The comment may be at most 5000 characters.
followups-review-error-action = Choose approve or return.

## My follow-ups
followups-my-title = My follow-ups – { $tenant }
followups-my-heading = My follow-ups
followups-my-round = Round { $round } – due
followups-my-none = You have no follow-ups in an open round at the moment.
followups-my-to-do = To be written ({ $count })
followups-my-all-done = You have finished this round. Thank you!
followups-my-done = Submitted ({ $count })

## Rounds
followups-rounds-title = Follow-up rounds – { $tenant }
followups-rounds-heading = Follow-up rounds
followups-rounds-intro = Open a round to ask every owner for a follow-up on their sub-goals and initiatives. A closed round is locked and can always be read; an administrator can reopen it.
followups-rounds-none = There are no rounds yet.
followups-rounds-caption = Follow-up rounds, newest first
followups-rounds-col-round = Round
followups-rounds-col-period-end = Period ends
followups-rounds-col-deadline = Deadline
followups-rounds-col-state = State
followups-rounds-col-submitted = Submitted
followups-rounds-col-action = Action
followups-rounds-submitted-of = { $submitted } of { $total }
followups-rounds-approved-count = ({ $count } approved)
followups-rounds-open = Open the round
followups-rounds-close = Close the round
followups-rounds-follow = Follow and review
followups-rounds-new = New round
followups-rounds-error-summary = The round was not created. Correct the fields marked below.
followups-rounds-label = Name
followups-rounds-label-placeholder = 2027 H1
followups-rounds-period-end = The period ends
followups-rounds-deadline = Deadline for the owners
followups-rounds-create = Create round
followups-rounds-error-label-required = Give the round a name, e.g. "2026 H1".
followups-rounds-error-label-too-long = The name may be at most 100 characters.
followups-rounds-error-date = Enter a valid date between the years 2000 and 2100.
followups-rounds-error-label-taken = There is already a round called "{ $label }".
followups-rounds-error-other-open = The round { $other } is still open. Close it before you open { $round }.

## A round's progress
followups-progress-title = { $round } – follow-up
followups-progress-eyebrow = Follow-up round · { $state } · due { $deadline }
followups-progress-heading = Progress
followups-progress-submitted = { $submitted } of { $total } have been submitted;
followups-progress-approved-returned = { $approved } approved, { $returned } returned,
followups-progress-draft-not-started = { $draft } drafts and { $notstarted } not reported.
followups-progress-by-focus-area = By { $term }
followups-progress-by-org-unit = By unit
followups-progress-group-none = (none)
followups-progress-total = Total
followups-progress-col-group = Group
followups-progress-items = Follow-ups ({ $count })
followups-progress-col-subject = Sub-goal / initiative
followups-progress-col-owner = Owner
followups-progress-col-status = Status
followups-progress-col-review = Review

## The good story
followups-stories-title = The good story – { $tenant }
followups-stories-eyebrow = For communications and employer branding
followups-stories-heading = The good story
followups-stories-intro = Stories from approved follow-ups that the owner has said may be used in communications.
followups-stories-filter = Filter the stories
followups-stories-round = Round
followups-stories-all = All
followups-stories-show = Show
followups-stories-none = No stories match.

## Audit summaries: the municipality's record, always written in Danish (see crate::audit::record_text)
followups-audit-submitted = Follow-up submitted ({ $round }): { $subject }
followups-audit-saved = Follow-up saved as draft ({ $round }): { $subject }
followups-audit-reviewed = Follow-up { $state } ({ $round }): { $subject }
followups-audit-replied = Reply in the conversation ({ $round }): { $subject }
followups-audit-decided = Decision on { $subject }: { $kind } – { $reason }
followups-audit-round-created = The follow-up round { $round } has been created
followups-audit-round-opened = The round { $round } has been opened with { $count } follow-ups
followups-audit-round-closed = The round { $round } has been closed

# forms (issue 12): a round opened in the same instant as another (the database refused the second)
followups-rounds-error-other-opened = Another round was opened at the same moment. Close it before you open { $round }.

# followup (issues 13.6, 13.9, 14.5, 14.6): the measured value asked for, next steps carried,
# the conflict page in words, a locked follow-up read as text
followups-form-value-required-mark = (required to submit)
followups-form-value-required-hint = Enter the value measured in the period. If nothing was measured, tick "Not measured in the period" below and say why. A draft can be saved without it.
followups-form-not-measured = Not measured in the period
followups-form-not-measured-reason = Why was nothing measured? (required if ticked)
followups-error-value-required = Enter the measured value in "{ $unit }" before you submit – or tick "Not measured in the period" and say why.
followups-error-value-and-not-measured = Enter either a measured value or tick "Not measured in the period" – not both.
followups-error-not-measured-reason-required = Say why nothing was measured in the period.
followups-error-not-measured-reason-too-long = The reason must be at most { $max } characters (it is { $length }).
followups-error-not-measured-unticked = You wrote why nothing was measured. Tick "Not measured in the period", or delete the reason.
followups-error-not-measured-no-unit = Nothing is measured for this item, so "Not measured in the period" should not be ticked.
followups-not-measured = Not measured in the period
followups-not-measured-with-reason = Not measured in the period: { $reason }
followups-notice-submitted-on-behalf = The follow-up has been submitted on behalf of { $owner }. It is now ready for review.
followups-notice-submitted-no-owner = The follow-up has been submitted on behalf of the owner. It is now ready for review.
followups-form-previous-next-steps = Next steps from the last round
followups-form-carry-hint = You can carry them into this follow-up with the button below the "Next steps" field.
followups-form-carry = Carry next steps from the last round
followups-notice-carried = The next steps from the last round have been added to the "Next steps" field. Edit them – nothing is saved until you press Save draft or Submit.
followups-notice-carried-already = The next steps from the last round are already in the field. Nothing has been changed.
followups-notice-carried-none = There are no next steps from the last round to carry.
followups-answer-empty = Nothing has been written in this follow-up.
followups-answer-none = (not filled in)
followups-answer-story-shareable = The story may be used in communication.
followups-answer-story-not-shareable = The story may not be used in communication.
followups-refused-heading = What you sent (not saved)
followups-conflict-title-self = The follow-up was saved in another window
followups-conflict-by-you = you, in another window, { $at }
followups-conflict-by-name = { $name } { $at }
followups-conflict-by-someone = someone else { $at }
followups-conflict-intro-by = saved by { $who }. Your text has not been saved, but you have it here. Copy what you want to keep into the saved version.
followups-conflict-caption = Your version and the saved version, field by field
followups-conflict-field = Field
followups-conflict-differs = differs
followups-form-value-not-asked = The sub-goal has no unit, so no measured value is entered.
# rounds (issue 13.2, 13.3): created, edited, deleted, opened on a draft, closed, reopened
followups-rounds-created = Round { $round } has been created. Open it when the owners are to write their follow-up.
followups-rounds-deleted = The round has been deleted.
followups-rounds-edit = Edit
followups-rounds-reopen = Reopen the round
followups-rounds-mail-note = While the round is open, owners get reminders of the deadline by e-mail.
followups-rounds-mail-configured = Mail is set up on this installation, so the reminders are sent.
followups-rounds-mail-not-configured = Mail is not set up on this installation: the reminders are not sent but kept in the outbox, where an administrator can read them.
followups-rounds-past-deadline = The deadline { $date } has already passed. Is that the right date? Correct the date, or press the button to use it anyway.
followups-rounds-past-deadline-confirm = Yes, use this deadline anyway
followups-rounds-error-delete-not-planned = Round { $round } has been opened and cannot be deleted. Only a planned round can be deleted.
followups-edit-title = Edit { $round }
followups-edit-heading = Edit round { $round }
followups-edit-crumb = Edit
followups-edit-intro = The round has not been opened yet, so you can change its name, period and deadline or delete it.
followups-edit-form-heading = Name, period and deadline
followups-edit-save = Save changes
followups-delete-heading = Delete the round
followups-delete-lead = The round has not been opened, so nobody has written anything in it. Deleting cannot be undone.
followups-delete-confirm = Delete { $round }
followups-confirm-cancel = Cancel
followups-open-draft-heading = Open { $round } on a strategy that has not been adopted?
followups-open-draft-lead = The strategy is a draft – it has not been adopted yet.
followups-open-draft-consequence = If you open the round now, owners report on sub-goals that may still change, and the steering group's pages show the results marked ‘Draft – not adopted’. The public page does not show them until the strategy is adopted with ‘Approve version’.
followups-open-draft-confirm = Yes, open the round on the draft
followups-close-heading = Close round { $round }?
followups-close-unfinished-lead = Not every follow-up is finished:
followups-close-all-finished = Every follow-up in the round has been approved.
followups-close-unfinished-submitted = { $count } awaiting review
followups-close-unfinished-returned = { $count } returned and not resubmitted
followups-close-unfinished-draft = { $count ->
    [one] { $count } draft not submitted
   *[other] { $count } drafts not submitted
}
followups-close-unfinished-not-reported = { $count } not reported
followups-close-consequence = Once the round is closed it is locked: nobody can write, submit or review anything in it, and the steering group sees the follow-ups as they stand now. An administrator can reopen the round.
followups-close-confirm = Yes, close the round
followups-reopen-heading = Reopen round { $round }?
followups-reopen-lead = The round is closed and locked.
followups-reopen-consequence = If you reopen it, owners can write and submit again, and the secretariat can review. The reason is kept in the log and shown on the round.
followups-reopen-reason = Reason
followups-reopen-reason-hint = E.g. ‘Two follow-ups were missing when the round was closed.’
followups-reopen-confirm = Reopen the round
followups-reopen-error-reason-required = Write why the round is being reopened.
followups-reopen-error-reason-too-long = The reason can be at most 1000 characters.
followups-reopen-error-other-open = Another round is open. Close it before reopening this one.
followups-progress-reopened = The round was reopened on { $date }.
followups-progress-reopened-reason = Reason: { $reason }
followups-audit-round-reopened = Round { $round } has been reopened. Reason: { $reason }
followups-audit-round-updated = Round { $round } has been changed
followups-audit-round-deleted = Round { $round } has been deleted
## Task "mail" (13.5): the conversation on a follow-up.
followups-conversation-empty = No one has written in the conversation yet.
followups-conversation-owner = owner
followups-conversation-reply = Write in the conversation
followups-conversation-reply-hint = The secretariat and the owner see the reply here. Change the follow-up itself in the fields below.
followups-conversation-send = Send reply
followups-conversation-error-required = Write a reply before sending.
followups-conversation-error-too-long = The reply is too long. Write at most { $max } characters.
followups-conversation-error-closed = The round is closed, so nothing more can be written in the conversation.
followups-notice-replied = Your reply has been sent. It is now in the conversation.
