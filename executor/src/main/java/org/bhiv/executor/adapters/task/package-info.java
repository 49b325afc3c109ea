/**
 * The {@code task} adapter: validates the title and creates a task in the executor's
 * {@link org.bhiv.executor.adapters.task.TaskStore}, served at {@code GET /api/tasks/{task_id}}.
 */
package org.bhiv.executor.adapters.task;
