import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BackupNotice } from './backup-notice';

const healthy = {
  intervalHours: 24,
  lastSuccessAt: new Date().toISOString(),
  lastBytes: 1000,
  lastFailureAt: null,
  lastError: null,
  overdue: false,
};

describe('BackupNotice', () => {
  it('says nothing while backups succeed, or when none are configured', () => {
    const { container } = render(<BackupNotice backup={healthy} />);
    expect(container.innerHTML).toBe('');
    render(<BackupNotice backup={null} />);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('names a failed backup and when the last good one was', () => {
    render(
      <BackupNotice
        backup={{
          ...healthy,
          lastError: 'ENOSPC: no space left on device',
          lastFailureAt: new Date().toISOString(),
        }}
      />,
    );
    expect(screen.getByRole('alert').textContent).toMatch(
      /scheduled backup failed \(ENOSPC: no space left on device\); the last good one was just now/,
    );
  });

  it('names an overdue backup', () => {
    render(<BackupNotice backup={{ ...healthy, lastSuccessAt: null, overdue: true }} />);
    expect(screen.getByRole('alert').textContent).toMatch(
      /No scheduled backup has completed in the last 36 hours; none has completed yet/,
    );
  });
});
