# Issue 16.3 (docweb helper): the Word import's pages — upload, preview with corrections, accept.
wordimport-link = Import from a Word document
wordimport-upload-title = Import the strategy from a Word document
wordimport-upload-intro = Retning reads the document's headings, lists and sentences and proposes the strategy's title, period, focus areas, goals and sub-goals with deadlines and targets. You see the proposal and correct it before anything is saved. The result is a new draft.
wordimport-upload-not-read = The document was not read
wordimport-file-heading = Upload the Word document
wordimport-file-label = Word document (.docx), at most { $max } MB
wordimport-file-hint = The strategy as it was adopted. If you only have a PDF, paste its text below.
wordimport-read-file = Read the document
wordimport-text-heading = Or paste the text from the PDF
wordimport-text-label = Paste the text from the PDF
wordimport-text-hint = Open the PDF, select all its text (Ctrl+A), copy it (Ctrl+C) and paste it here (Ctrl+V).
wordimport-read-text = Read the text
wordimport-existing-draft = The municipality already has a draft strategy: { $title }.
wordimport-existing-active = The municipality already has an adopted strategy: { $title }.
wordimport-existing-rule = Retning works with one strategy at a time, so a document can only be imported as a draft when the municipality has no strategy in Retning. You can still see what Retning reads in the document.
wordimport-existing-link = Go to the strategy
wordimport-not-found = not found
wordimport-from-document = From the document:
wordimport-found-words = Found in the sentence:
wordimport-include = Include
wordimport-preview-title = Proposal from the document
wordimport-read-from-text = Read from the pasted text.
wordimport-read-from-file = Read from { $name }.
wordimport-preview-lead = Correct what was read wrongly, and untick what should not be included. Nothing has been saved yet.
wordimport-found-counts = Retning found { $areas ->
        [one] one focus area
       *[other] { $areas } focus areas
    }, { $goals ->
        [one] one goal
       *[other] { $goals } goals
    } and { $sub_goals ->
        [one] one sub-goal
       *[other] { $sub_goals } sub-goals
    }.
wordimport-found-no-deadline = { $count ->
        [one] One sub-goal has no deadline.
       *[other] { $count } sub-goals have no deadline.
    }
wordimport-not-saved = The draft has not been created.
wordimport-notes-title = What Retning noticed
wordimport-strategy-heading = The strategy
wordimport-field-strategy-title = The strategy's title
wordimport-field-first-year = First year
wordimport-field-last-year = Last year
wordimport-year-hint = For example 2024 and 2030.
wordimport-period-from-document = The period from the document:
wordimport-field-area-term = The document's word for a focus area
wordimport-area-term-hint = For example Track or Priority. Empty: Focus area.
wordimport-accept-note = Only what is ticked is created. Goals and sub-goals under an unticked focus area are left out.
wordimport-accept = Import as a draft
wordimport-start-over = Start over
wordimport-back-to-editing = Back to Edit strategy
wordimport-area-number = Focus area { $number }
wordimport-goal-number = Goal { $number }
wordimport-sub-goal-number = Sub-goal { $number }
wordimport-error-place = { $place }, { $field }
wordimport-error-line = { $field }: { $message }
wordimport-error-year = Enter a year between { $first } and { $last }, for example 2030.
wordimport-refused-unreadable = The upload did not arrive in full. Choose the file again and try once more.
wordimport-no-file = Choose a Word document to upload.
wordimport-no-text = Paste the text from the PDF into the field.
wordimport-refused-text-too-long = The text is too long: at most { $max } MB. A strategy document is far shorter; check that it is the right text.
wordimport-refused-text-too-long-document = The document holds far more text than a strategy does. Check that it is the right document.
wordimport-refused-nothing-found = Retning found no focus areas in the document: no headings or sections that look like a strategy's. Check that it is the strategy document. If it is a PDF converted to Word, try pasting the text from the PDF instead.
wordimport-refused-existing = The draft has not been created, because the municipality already has a strategy in Retning.
wordimport-audit-counts = { $areas } focus areas, { $goals } goals, { $sub_goals } sub-goals
wordimport-audit-imported-text = The strategy «{ $title }» was imported from pasted text ({ $counts })
wordimport-audit-imported-file = The strategy «{ $title }» was imported from the Word document «{ $file }» ({ $counts })
wordimport-done-title = The strategy has been imported
wordimport-done-created = The draft { $title } has been created.
wordimport-done-counts = It has { $areas ->
        [one] one focus area
       *[other] { $areas } focus areas
    }, { $goals ->
        [one] one goal
       *[other] { $goals } goals
    } and { $sub_goals ->
        [one] one sub-goal
       *[other] { $sub_goals } sub-goals
    }.
wordimport-done-next = Under Edit strategy you can add owners, indicators and baselines, and correct the rest. The strategy is a draft until a version is approved.
wordimport-done-edit = Edit the draft
wordimport-done-view = View the strategy
wordimport-gone-title = The proposal has expired
wordimport-gone-text = A proposal from a document can be imported for a day. This one is too old, but nothing has been lost: upload the document again to see a new proposal.
