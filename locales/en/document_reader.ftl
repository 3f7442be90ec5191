# Issue 16.3 (docengine): the Word import's reader — why a file is refused, and what it noticed.
document-reader-refused-not-docx = The file is not a Word document (DOCX). Save the document as .docx in Word, or paste the text from the PDF.
document-reader-refused-encrypted = The document is protected by a password. Remove the password in Word (File → Info → Protect Document), save and try again.
document-reader-refused-corrupt = The document is damaged and cannot be read. Open it in Word, save it again as .docx and try again.
document-reader-refused-too-large = The document is too large. It may be at most { $megabytes } MB, unpacked too; save it without pictures, or paste the text from the PDF.
document-reader-refused-empty = The document contains no text.
document-reader-note-no-headings = The document has no headings, so its structure was guessed from the text alone. Use Word's styles "Heading 1" and "Heading 2" for focus areas for a better proposal.
document-reader-note-no-focus-areas = No focus areas were found. Add them yourself, or give them headings in the document and read it again.
document-reader-note-no-period = The strategy's period was not in the document. Fill it in yourself.
document-reader-note-impossible-date = The date "{ $phrase }" does not exist, so it is not proposed as a deadline.
