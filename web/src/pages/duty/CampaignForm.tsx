import { Alert, Button, Form, Input, InputNumber, Radio } from 'antd';
import { dutyApi, useDutyMutation, type Answer, type Question, type Task } from '../../api/duty';
import { reportSaveError, showSuccess } from '../../api/errors';
import { useT } from '../../i18n';

interface Props {
  task: Pick<Task, 'id' | 'version' | 'answers' | 'householdNo' | 'headName'>;
  questions: Question[];
  onDone?: () => void;
}

/** One household's 排查表, drawn from the campaign's questions (yes/no and choices as big buttons for a phone). */
export function CampaignForm({ task, questions, onDone }: Props) {
  const t = useT();
  const [form] = Form.useForm<Record<string, Answer>>();
  const fill = useDutyMutation((answers: Record<string, Answer>) => dutyApi.fill(task.id, { version: task.version, answers }));

  const submit = async (values: Record<string, Answer | undefined>) => {
    const answers = Object.fromEntries(questions.map((q) => [q.key, values[q.key] === undefined || values[q.key] === '' ? null : values[q.key]!]));
    try {
      const res = await fill.mutateAsync(answers);
      showSuccess(res.warningId ? t('duty.formSavedRisky') : t('duty.formSaved'));
      onDone?.();
    } catch (err) {
      reportSaveError(err, { form, mapPath: (path) => (path[0] === 'answers' && path[1] !== undefined ? [String(path[1])] : null) });
    }
  };

  return (
    <Form form={form} layout="vertical" size="large" initialValues={task.answers ?? {}} onFinish={(v) => void submit(v)}>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={`${task.householdNo} ${task.headName ?? ''}`} />
      {questions.map((q) => (
        <Form.Item key={q.key} name={q.key} label={q.label} rules={q.required ? [{ required: true, message: t('duty.answerRequired') }] : []}>
          {q.type === 'yesno' ? (
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={[
                { value: true, label: t('common.yes') },
                { value: false, label: t('common.no') },
              ]}
              data-testid={`q-${q.key}`}
            />
          ) : q.type === 'choice' ? (
            <Radio.Group optionType="button" buttonStyle="solid" options={q.options.map((o) => ({ value: o, label: o }))} data-testid={`q-${q.key}`} />
          ) : q.type === 'number' ? (
            <InputNumber style={{ width: '100%' }} inputMode="decimal" data-testid={`q-${q.key}`} />
          ) : (
            <Input.TextArea rows={2} maxLength={500} data-testid={`q-${q.key}`} />
          )}
        </Form.Item>
      ))}
      <Button type="primary" htmlType="submit" block loading={fill.isPending} data-testid="form-submit">
        {t('duty.submitForm')}
      </Button>
    </Form>
  );
}
