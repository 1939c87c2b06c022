// Package edit owns wfconnect's writes to Workfront: write modes, the plan of a change and its dry run, sending it in batches, and the files bulk updates read and write.
package edit
