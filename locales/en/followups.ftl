# The follow-up: rounds, the owners' form, review, decisions, "My follow-ups" and the stories.

followups-eyebrow = Follow-up
followups-breadcrumbs = Breadcrumbs
followups-kind-initiative = Initiative
followups-kind-sub-goal = Sub-goal
followups-owner-none = none

## Review states as the follow-up pages show them
followups-review-not-started = Not started
followups-review-draft = Draft
followups-review-submitted = Submitted
followups-review-returned = Returned
followups-review-approved = Approved

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
followups-form-theirs = The follow-up
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
followups-nothing-changed = { $reason } Nothing has been changed.

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
followups-conflict-intro-after = was saved by someone else ({ $at }). Your text has not been saved, but you have it here. Copy what you want to keep into the saved version.
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
followups-rounds-intro = Open a round to ask every owner for a follow-up on their sub-goals and initiatives. A closed round is locked and can always be read.
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
followups-progress-draft-not-started = { $draft } in progress and { $notstarted } not started.
followups-progress-by-focus-area = By focus area
followups-progress-by-org-unit = By unit
followups-progress-group-none = (none)
followups-progress-total = Total
followups-progress-col-group = Group
followups-progress-col-not-started = Not started
followups-progress-col-draft = Draft
followups-progress-col-submitted = Submitted
followups-progress-col-returned = Returned
followups-progress-col-approved = Approved
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
followups-stories-focus-area = Focus area
followups-stories-round = Round
followups-stories-all = All
followups-stories-show = Show
followups-stories-none = No stories match.

## Audit summaries: the municipality's record, always written in Danish (see crate::audit::record_text)
followups-audit-submitted = Follow-up submitted ({ $round }): { $subject }
followups-audit-saved = Follow-up saved as draft ({ $round }): { $subject }
followups-audit-reviewed = Follow-up { $state } ({ $round }): { $subject }
followups-audit-decided = Decision on { $subject }: { $kind } – { $reason }
followups-audit-round-created = The follow-up round { $round } has been created
followups-audit-round-opened = The round { $round } has been opened with { $count } follow-ups
followups-audit-round-closed = The round { $round } has been closed

# forms (issue 12): a round opened in the same instant as another (the database refused the second)
followups-rounds-error-other-opened = Another round was opened at the same moment. Close it before you open { $round }.

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
