# People and org units from a spreadsheet (src/people_import/): export, upload, preview, import.

people-sheet-people = People
people-sheet-org-units = Org units
people-col-email = Email
people-col-name = Name
people-col-title = Title
people-col-org-unit = Org unit
people-col-level = Leadership level
people-col-role = Role
people-col-active = Active
people-col-unit-path = Org unit (path)
people-col-unit-kind = Kind
people-col-row = Row
people-col-access = Access
people-col-changes = Changes
people-active-yes = yes
people-active-no = no
people-file-name = people

people-import-link = Import from a spreadsheet
people-import-title = Import people from a spreadsheet
people-import-intro = Download the municipality's people as a spreadsheet, edit them in Excel and upload the file again. You see everything that will happen before anything is saved.
people-import-failed = The file could not be read.
people-export-heading = Download the people
people-export-xlsx = Download as spreadsheet (Excel)
people-export-csv = CSV
people-import-heading = Upload a file
people-rules-title = How the file is read
people-rule-columns = The columns are Email, Name, Title, Org unit, Leadership level, Role and Active – in Danish or English. Email and Role must be there; Name must be filled in for new people.
people-rule-match = People are recognised by their email address (case does not matter). A new address becomes a new person.
people-rule-units = The org unit is written as a path: “Department / Section”. The Excel file's “Org units” sheet can create new units.
people-rule-missing = A column that is not there changes nothing. An empty cell in a column that is there means “none” (no title, unit or leadership level).
people-rule-active = Nobody is deleted. Only “no” in the Active column deactivates a person.
people-rule-new = New people get an invitation by email – except when the municipality signs in only through its own identity provider and the address belongs to it.
people-rule-bounds = CSV (UTF-8, separated by semicolons or commas) or an Excel workbook (.xlsx), at most { $max } MB and { $rows } rows.
people-file-label = File (CSV or .xlsx)
people-upload-button = Show what will happen
people-no-file = Choose a file.
people-upload-gone = The file is no longer here. Upload it again.

people-refused-not-supported = The file is neither CSV nor an Excel workbook (.xlsx). Save it from Excel as “CSV UTF-8” or as .xlsx and try again.
people-refused-not-utf8 = The CSV file is not saved as UTF-8, so æ, ø and å would come out wrong. Save it from Excel as “CSV UTF-8 (Comma delimited)” and try again.
people-refused-old-xls = The file is in the old Excel format (.xls). Save it as an Excel workbook (.xlsx) or CSV UTF-8 and try again.
people-refused-encrypted = The file is protected with a password, so Retning cannot read it. Remove the password in Excel, save, and try again.
people-refused-corrupt = The file could not be read; it may be damaged or not completely saved. Save it again and try once more.
people-refused-unpacked = The file takes up far too much space unpacked to be a list of people.
people-refused-rows = The file has more than { $max } rows. Split it into several files.
people-refused-no-headings = The first row must hold the columns' names: { $columns }.
people-refused-too-large = The file is too large. Retning takes files of up to { $max } MB.
people-refused-unreadable = The file did not arrive completely. Choose it again and try once more.

people-place-sheet = Sheet “{ $sheet }”
people-place-row = row { $row }
people-place-column = column { $column }

people-problem-formula = The cell is a formula. Retning does not calculate formulas; write the value instead.
people-problem-error-cell = The cell shows an error ({ $shown }).
people-problem-column-twice = The column is there twice.
people-problem-unknown-column = The column is not known and is not read.
people-problem-missing-column = The column “{ $heading }” is missing.
people-problem-email-required = Write the person's email address.
people-problem-email-twice = The same email address as in row { $row }.
people-problem-role-required = Write the person's role.
people-problem-role = The role “{ $value }” is not known. Write one of: { $words }.
people-problem-level = The leadership level “{ $value }” is not known. Write one of: { $words } – or leave the cell empty.
people-problem-active = Write “yes” or “no” (not “{ $value }”).
people-problem-too-long = At most { $max } characters.
people-problem-unit = The org unit “{ $path }” does not exist. Write the whole path, e.g. “Department / Section”, or create it in the “Org units” sheet.
people-problem-path-empty-name = The path has an empty name (two slashes in a row or one at the end).
people-problem-path-required = Write the unit's path.
people-problem-new-inactive = A new person cannot be created inactive. Write “yes”, or remove the row.
people-problem-last-admin = The municipality would be left without an active administrator. Keep at least one administrator active.
people-note-own-name = The name “{ $name }” is not used: the person's name is their own and stays “{ $kept }”.

people-preview-title = What will happen
people-done-title = The people are imported
people-preview-file = File: { $name }
people-preview-nothing-saved = Nothing is saved yet. Read the list and press “Import” at the bottom.
people-problems-title = { $count ->
    [one] 1 thing must be fixed before the file can be imported
   *[other] { $count } things must be fixed before the file can be imported
}
people-problems-lead = Nothing is saved. Fix the file and upload it again.
people-notes-title = Worth knowing
people-no-changes = The file changes nothing: all { $count } people stay as they are.
people-summary-title = Summary
people-summary-done = What happened
people-summary-new = { $count ->
    [one] 1 new person
   *[other] { $count } new people
}
people-summary-changed = { $count ->
    [one] 1 person changes
   *[other] { $count } people change
}
people-summary-unchanged = { $count ->
    [one] 1 person is unchanged
   *[other] { $count } people are unchanged
}
people-summary-units = { $count ->
    [one] 1 new org unit
   *[other] { $count } new org units
}
people-group-units = New org units ({ $count })
people-group-new = New people ({ $count })
people-group-changed = Changed people ({ $count })
people-access-mail = Invitation by email
people-access-provider = Signs in through the municipality's provider
people-change = { $field }: { $before } → { $after }
people-value-none = (none)
people-confirm = Import
people-confirm-note = Everything is saved at once, or nothing is.
people-upload-another = Upload another file
people-back-to-users = Back to the users
people-already-imported = The file has already been imported. Nothing was imported a second time.
people-changed-since = The people or org units have changed since you saw the preview. Nothing is saved; here is what the file would do now.

people-audit-imported = People imported from a spreadsheet: { $added } new, { $changed } changed, { $units } new org units
people-audit-unit-created = Org unit created from a spreadsheet: { $path }
people-audit-role-changed = { $name }: role changed from a spreadsheet
people-audit-member-updated = { $name }: placement changed from a spreadsheet
