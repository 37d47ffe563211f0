import { describe, expect, it } from 'vitest';
import { parseCommand, whoAsked } from '../../src/core/chat-commands.js';

describe('reading a command', () => {
  it('reads a command with its arguments, whatever the spacing around and between them', () => {
    expect(parseCommand('  /keep   web-1\tus-east-1\n')).toEqual({
      command: 'keep',
      mention: undefined,
      args: ['web-1', 'us-east-1'],
    });
    expect(parseCommand('/status')).toEqual({ command: 'status', mention: undefined, args: [] });
  });

  it('reads the @botname after the command, lower-cased', () => {
    expect(parseCommand('/hold@Guard_Bot web-1')).toEqual({
      command: 'hold',
      mention: 'guard_bot',
      args: ['web-1'],
    });
  });

  it('reads the command whatever its case', () => {
    expect(parseCommand('/RELEASE web-1')?.command).toBe('release');
  });

  it('answers /start, which Telegram sends first, with the help', () => {
    expect(parseCommand('/start')?.command).toBe('help');
    expect(parseCommand('/help')?.command).toBe('help');
  });

  it('reads any other command as unknown', () => {
    expect(parseCommand('/stop web-1')).toEqual({ command: 'unknown', mention: undefined, args: ['web-1'] });
  });

  it('is no command without a leading slash, with text before it, or with a malformed name or mention', () => {
    for (const text of [
      'status',
      'please /status',
      'a/status',
      '/',
      '',
      '   ',
      '/sta-tus',
      '/status@',
      '/status@bot@bot',
      '/status!',
    ]) {
      expect(parseCommand(text), text).toBeUndefined();
    }
  });
});

describe('who asked', () => {
  it('is the full name and the username', () => {
    expect(whoAsked({ id: 42, firstName: 'Alice', lastName: 'Liu', username: 'alice' })).toBe(
      'Alice Liu (@alice)',
    );
  });

  it('is the name and the id without a username, without an empty last name', () => {
    expect(whoAsked({ id: 42, firstName: 'Alice' })).toBe('Alice (id 42)');
    expect(whoAsked({ id: 42, firstName: 'Alice', lastName: '' })).toBe('Alice (id 42)');
    expect(whoAsked({ id: 42, firstName: '', lastName: 'Liu' })).toBe('Liu (id 42)');
  });
});
